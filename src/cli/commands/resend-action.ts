import type { Command } from 'commander';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { describeTarget } from './describe-target.js';
import type { TargetFlags } from './order-target.js';

export function resendAction(flags: TargetFlags, command: Command): Promise<void> {
  return withHuuray(
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
  );
}
