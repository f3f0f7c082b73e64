import type { FacadeContext } from '../context.js';
import { HuurayNotFoundError } from '../core/errors/api-error.js';
import { HuurayResponseValidationError } from '../core/errors/transport-errors.js';
import type { CallOptions } from '../core/transport.js';
import type { Order, Voucher } from '../domain/order.js';
import { type ResolvedCall, resolveRevealCall } from '../options/call-options.js';
import { SEARCH_OPERATION, searchOrder } from '../primitives/search.js';
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
  const call = resolveRevealCall(ctx.defaults, options, SEARCH_OPERATION);
  const order = await searchOrder(ctx, { orderUid }, call);
  if (order === null) {
    throw new HuurayNotFoundError({ operation: SEARCH_OPERATION, status: 404, statusMessage: `no order ${orderUid}` });
  }
  if (order.orderUid !== orderUid) {
    // A search that ignored its criteria answered another order: its vouchers are not the caller's.
    throw new HuurayResponseValidationError(SEARCH_OPERATION, order.status, [
      { path: 'OrderUID', message: 'is not the order that was asked for' },
    ]);
  }
  return fetchCodes(ctx, order, call, call.concurrency);
}

/** Each voucher of `order` looked up by its VoucherID, the only search that shows its code. */
export async function fetchCodes(
  ctx: FacadeContext,
  order: Order,
  call: ResolvedCall,
  concurrency: number,
): Promise<Voucher[]> {
  const fetchOne = async (voucher: Voucher): Promise<Voucher> => {
    if (voucher.id === null || voucher.code !== null) return voucher;
    const one = await searchOrder(ctx, { orderUid: order.orderUid, voucherId: voucher.id }, call);
    const found = one?.orderUid === order.orderUid ? one.vouchers.find((v) => v.id === voucher.id) : undefined;
    // No answer, or one about another order or voucher, is not "this voucher has no code".
    if (found === undefined) {
      throw new HuurayResponseValidationError(SEARCH_OPERATION, 200, [
        { path: 'Vouchers', message: `the search for voucher ${voucher.id} did not answer with it` },
      ]);
    }
    return found;
  };
  const [first, ...rest] = order.vouchers;
  if (first === undefined) return [];
  // An account without ReturnCode answers every voucher blank: one search tells, not one per voucher.
  const head = await fetchOne(first);
  if (head.code === null && first.code === null) return [head, ...rest];
  const settled = await mapBounded(rest, concurrency, fetchOne);
  return [
    head,
    ...settled.map((s) => {
      if (s.status === 'fulfilled') return s.value;
      throw s.status === 'rejected' ? s.reason : new Error('unreachable: no stop on failure');
    }),
  ];
}
