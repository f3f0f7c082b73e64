import type { Command } from 'commander';
import { examples } from '../args.js';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { withSafetyOptions } from '../safety-options.js';
import { describeTarget, type TargetFlags, targetOptions } from './order-target.js';

export function resendCommand(program: Command): void {
  withSafetyOptions(
    targetOptions(program.command('resend').description('deliver an order (or one voucher) to its recipients again')),
  )
    .addHelpText(
      'after',
      examples('huuray resend --order ord_6f1c2a --yes', 'huuray resend --order ord_6f1c2a --voucher 1234'),
    )
    .action((flags: TargetFlags, command: Command) =>
      withHuuray(
        command,
        async (ctx) => {
          const { huuray, out, io } = ctx;
          const { action, plan } = await describeTarget(ctx, 'resend', flags);
          await confirmOrStop(io, out, flags, action, plan);
          const result = await huuray.orders.resend({
            orderUid: flags.order,
            ...(flags.voucher === undefined ? {} : { voucherId: flags.voucher }),
          });
          out.result({ orderUid: flags.order, ...result }, () =>
            out.say(
              `${result.numberOfResends} resent${result.partial ? ' (partial: only some vouchers were resent)' : ''}`,
            ),
          );
        },
        { earlierOrders: true },
      ),
    );
}
