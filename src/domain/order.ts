import type { Wire } from './wire.js';

/** Who a gift card goes to. */
export interface Recipient {
  /** Recipient name. */
  readonly name?: string | null | undefined;
  /** Email address the gift card was delivered to. */
  readonly email?: string | null | undefined;
  /** Phone number for SMS delivery. */
  readonly phone?: string | null | undefined;
  /** Your own reference for this recipient. */
  readonly refId?: string | null | undefined;
}

/**
 * One gift card. `code`, `cvv` and `redeemLink` are bearer money: they are `null` unless `ReturnCode`
 * is enabled on the account (and, from a search, unless it named the voucher). Never log them; use
 * `redact()` first.
 */
export interface Voucher {
  /** Used by resend, cancel and `revealCodes`. */
  readonly id: number | null;
  /** The gift card code; `null` unless ReturnCode is enabled on the account. Bearer money: never log it. */
  readonly code: string | null;
  /** Its CVV, when the brand uses one. Secret like the code. */
  readonly cvv: string | null;
  /** A link that redeems it: bearer money too. */
  readonly redeemLink: string | null;
  /** ISO date-time as the API sent it. */
  readonly expires: string | null;
  /** Who it was delivered to; `null` for codes without delivery. */
  readonly recipient: Recipient | null;
}

/** An order as the API reports it. */
export interface Order {
  /** Huuray's order UID. */
  readonly orderUid: string;
  /** The RefID it was placed with, or `null`. */
  readonly refId: string | null;
  /** Its vouchers; empty while an async order is in progress. */
  readonly vouchers: Voucher[];
  /** The HTTP status of the answer (200/201 placed, 202 accepted for async processing). */
  readonly status: number;
}

const blank = (value: string | null | undefined): string | null => (value === undefined || value === '' ? null : value);

function toRecipient(r: Wire<'zOrderRecipient'> | Wire<'zSearchRecipient'> | undefined): Recipient | null {
  if (r === undefined) return null;
  return { name: r.Name ?? null, email: r.Email ?? null, phone: r.Phone ?? null, refId: r.RefID ?? null };
}

export function toVoucher(v: Wire<'zOrderVoucher'> | Wire<'zSearchVoucher'>): Voucher {
  return {
    id: v.ID ?? null,
    code: blank(v.Code),
    cvv: blank(v.CVV),
    redeemLink: blank(v.RedeemLink),
    expires: v.Expires ?? null,
    recipient: toRecipient(v.Recipient),
  };
}

export function toOrder(response: Wire<'zOrderResponse'> | Wire<'zSearchResponse'>, status: number): Order {
  return {
    orderUid: response.OrderUID ?? '',
    refId: response.RefID ?? null,
    vouchers: (response.Vouchers ?? []).map(toVoucher),
    status,
  };
}
