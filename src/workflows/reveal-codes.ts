import type { FacadeContext } from '../context.js';
import { HuurayNotFoundError } from '../core/errors/api-error.js';
import type { CallOptions } from '../core/transport.js';
import type { Voucher } from '../domain/order.js';
import { searchOrder } from '../orders.js';
import { mapBounded } from './pool.js';

export interface RevealOptions extends CallOptions {
  /** Searches in flight at once (default 4). */
  readonly concurrency?: number | undefined;
}

/**
 * The vouchers of an order with their codes: Search shows a code only when asked for one VoucherID, so
 * this lists the order's vouchers and then fetches each by ID. Codes stay blank unless `ReturnCode` is
 * enabled on the account. Throws `HuurayNotFoundError` when the order is not found. An async order that
 * is still being processed may be found with no vouchers yet: the result is then `[]`; call again later.
 */
export async function revealCodes(
  ctx: FacadeContext,
  orderUid: string,
  options: RevealOptions = {},
): Promise<Voucher[]> {
  const order = await searchOrder(ctx, { orderUid }, options);
  if (order === null) {
    throw new HuurayNotFoundError({ operation: 'POST /v4/Search', status: 404, statusMessage: `no order ${orderUid}` });
  }
  const settled = await mapBounded(order.vouchers, options.concurrency ?? 4, async (voucher) => {
    if (voucher.id === null) return voucher;
    const one = await searchOrder(ctx, { orderUid, voucherId: voucher.id }, options);
    return one?.vouchers.find((v) => v.id === voucher.id) ?? voucher;
  });
  return settled.map((s) => {
    if (s.status === 'fulfilled') return s.value;
    throw s.status === 'rejected' ? s.reason : new Error('unreachable: no stop on failure');
  });
}
