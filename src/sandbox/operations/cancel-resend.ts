/**
 * DELETE /v4/Cancel and POST /v4/Resend, per order or per voucher. Both answer 200 when every
 * targeted voucher was handled, 206 when only some were, and 422 when none could be (redeemed,
 * cancelled, or for Resend an order without delivery). A pending async order is a 422 too.
 */
import { failure, type HandlerResult, success, TEXTS } from '../responses.js';
import type { SandboxOrder, SandboxState, SandboxVoucher } from '../state.js';
import { parseBody, strictCancelRequest, strictResendRequest } from '../validation.js';
import type { Handler, RequestContext } from './context.js';

interface Target {
  readonly order: SandboxOrder;
  readonly vouchers: SandboxVoucher[];
}

function targets(
  { state, account }: RequestContext,
  orderUID: string,
  voucherId: number | null | undefined,
): Target | HandlerResult {
  const order = state.order(orderUID);
  if (order === undefined || order.accountToken !== account.token) return failure(404, TEXTS.orderNotFound);
  if (order.status === 'pending') return failure(422, TEXTS.orderPending);
  const ids = voucherId === null || voucherId === undefined ? order.voucherIds : [voucherId];
  if (!ids.every((id) => order.voucherIds.includes(id))) return failure(404, TEXTS.voucherNotInOrder);
  return { order, vouchers: ids.map((id) => state.voucher(id)).filter((v): v is SandboxVoucher => v !== undefined) };
}

function outcome(handled: number, attempted: number): 200 | 206 | undefined {
  if (handled === 0) return undefined;
  return handled === attempted ? 200 : 206;
}

/** Refunds each cancelled voucher's own share of the charge to the balance it came from. */
function refund(state: SandboxState, order: SandboxOrder, voucher: SandboxVoucher): void {
  const account = state.account(order.accountToken);
  const current = account.balances.get(voucher.charge.currency) ?? 0;
  account.balances.set(voucher.charge.currency, current + voucher.charge.amount);
}

export const cancel: Handler = (context) => {
  const parsed = parseBody(strictCancelRequest, context.body);
  if ('error' in parsed) return parsed.error;
  const target = targets(context, parsed.data.OrderUID, parsed.data.VoucherID);
  if ('status' in target) return target;
  const results = target.vouchers.map((voucher) => {
    if (voucher.status !== 'active') return { ID: voucher.id, Cancelled: false };
    voucher.status = 'cancelled';
    refund(context.state, target.order, voucher);
    return { ID: voucher.id, Cancelled: true };
  });
  const status = outcome(results.filter((r) => r.Cancelled).length, results.length);
  if (status === undefined) return failure(422, TEXTS.nothingCancelled);
  const orderCancelled = target.order.voucherIds.every((id) => context.state.voucher(id)?.status === 'cancelled');
  return success(status, { OrderUID: target.order.orderUID, OrderCancelled: orderCancelled, Vouchers: results });
};

export const resend: Handler = (context) => {
  const parsed = parseBody(strictResendRequest, context.body);
  if ('error' in parsed) return parsed.error;
  const target = targets(context, parsed.data.OrderUID, parsed.data.VoucherID);
  if ('status' in target) return target;
  const delivers = target.order.deliveryTemplateId !== null;
  let resent = 0;
  for (const voucher of target.vouchers) {
    if (!delivers || voucher.status !== 'active') continue;
    voucher.resends += 1;
    resent += 1;
  }
  const status = outcome(resent, target.vouchers.length);
  if (status === undefined) return failure(422, TEXTS.nothingResent);
  return success(status, { NumberOfResends: resent });
};
