import type { Command } from 'commander';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { describeTarget } from './describe-target.js';
import type { TargetFlags } from './order-target.js';

export function cancelAction(flags: TargetFlags, command: Command): Promise<void> {
  return withHuuray(
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
  );
}
