import type { Command } from 'commander';
import { examples } from '../args.js';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { withSafetyOptions } from '../safety-options.js';
import { describeTarget, type TargetFlags, targetOptions } from './order-target.js';

export function cancelCommand(program: Command): void {
  withSafetyOptions(targetOptions(program.command('cancel').description('cancel an order, or one voucher of it')))
    .addHelpText(
      'after',
      examples('huuray cancel --order ord_6f1c2a --yes', 'huuray cancel --order ord_6f1c2a --voucher 1234 --dry-run'),
    )
    .action((flags: TargetFlags, command: Command) =>
      withHuuray(
        command,
        async (ctx) => {
          const { huuray, out, io } = ctx;
          const { action, plan } = await describeTarget(ctx, 'cancel', flags);
          await confirmOrStop(io, out, flags, action, plan);
          const result = await huuray.orders.cancel({
            orderUid: flags.order,
            ...(flags.voucher === undefined ? {} : { voucherId: flags.voucher }),
          });
          out.result(result, () => {
            out.say(
              `order ${result.orderUid}: ${result.orderCancelled ? 'cancelled' : 'not cancelled as a whole'}${result.partial ? ' (partial)' : ''}`,
            );
            out.table(
              ['Voucher', 'Cancelled'],
              result.vouchers.map((v) => [String(v.id), v.cancelled ? 'yes' : 'no']),
            );
          });
        },
        { earlierOrders: true },
      ),
    );
}
