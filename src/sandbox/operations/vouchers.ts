/** Creating an order's vouchers and showing them as the API does. */
import { voucherSecrets } from '../ids.js';
import { splitEvenly } from '../money.js';
import type { SandboxOrder, SandboxState, SandboxVoucher } from '../state.js';

/** Creates the vouchers of `order` and marks it complete; their charges add up to the order's. */
export function completeOrder(state: SandboxState, order: SandboxOrder): SandboxVoucher[] {
  const shares = splitEvenly(order.charge.amount, order.quantity);
  const vouchers = shares.map((amount, i) => {
    const id = state.nextVoucherId();
    const recipient = order.recipients.length === 1 ? order.recipients[0] : order.recipients[i];
    const voucher: SandboxVoucher = {
      id,
      orderUID: order.orderUID,
      ...voucherSecrets(state.seed, id),
      expires: order.expires,
      recipient: recipient ?? null,
      status: 'active',
      charge: { currency: order.charge.currency, amount },
      resends: 0,
    };
    state.addVoucher(voucher);
    order.voucherIds.push(id);
    return voucher;
  });
  order.status = 'complete';
  order.completedAt = new Date().toISOString();
  return vouchers;
}

/**
 * A voucher as Order and Search answer it. Code, CVV and RedeemLink are blanked (empty strings, as
 * the spec says "blanked") unless `showCode`: the account's ReturnCode flag, and for Search also a
 * VoucherID in the request.
 */
export function renderVoucher(voucher: SandboxVoucher, showCode: boolean): Record<string, unknown> {
  return {
    ID: voucher.id,
    Code: showCode ? voucher.code : '',
    CVV: showCode ? voucher.cvv : '',
    RedeemLink: showCode ? voucher.redeemLink : '',
    Expires: voucher.expires,
    ...(voucher.recipient === null ? {} : { Recipient: { ...voucher.recipient } }),
  };
}
