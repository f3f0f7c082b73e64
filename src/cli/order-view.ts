import type { Order } from '../domain/order.js';
import { type Output, showCode } from './output.js';

/** Prints an order and its vouchers; codes, CVVs and redeem links only with `--show-codes`. */
export function printOrder(out: Output, order: Order, extra: Record<string, string> = {}): void {
  out.say(`order ${order.orderUid}${order.refId === null ? '' : `  refId ${order.refId}`}`);
  for (const [key, value] of Object.entries(extra)) out.say(`${key} ${value}`);
  if (order.vouchers.length === 0) return;
  out.table(
    ['Voucher', 'Recipient', 'Expires', 'Code', ...(out.showCodes ? ['CVV', 'Redeem link'] : [])],
    order.vouchers.map((v) => [
      v.id === null ? '' : String(v.id),
      v.recipient?.email ?? v.recipient?.phone ?? '',
      v.expires ?? '',
      showCode(out, v.code),
      ...(out.showCodes ? [v.cvv ?? '', v.redeemLink ?? ''] : []),
    ]),
  );
}
