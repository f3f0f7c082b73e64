/**
 * What handlers answer, and the statuses and texts chosen for failures the spec leaves open. Texts
 * reuse Huuray's older API (seed 001) where one fits, so users meet familiar words.
 */

/** A handler's answer before faults touch it: the HTTP status equals the body's `Status`. */
export interface HandlerResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** The spec's `Response` body; `Message` repeats `StatusMessage` because it is its deprecated alias. */
export function failure(status: number, message: string): HandlerResult {
  return { status, body: { Status: status, StatusMessage: message, Message: message } };
}

/** A success body with the operation's fields plus `Status`/`StatusMessage`/`Message`. */
export function success(status: number, fields: Record<string, unknown>): HandlerResult {
  const message = status === 206 ? 'Partial Content' : status === 202 ? 'Accepted' : 'OK';
  return { status, body: { ...fields, Status: status, StatusMessage: message, Message: message } };
}

/** The failure texts, one place to read them all. */
export const TEXTS = {
  /** 401: no `X-API-TOKEN` header. */
  missingToken: 'Missing X-API-TOKEN header',
  /** 401: a token the API does not know (Huuray's own wording). */
  unknownToken: 'Your API Access was not found or have been recalled',
  /** 401: a nonce that is empty, too long or not visible ASCII. */
  badNonce: 'X-API-NONCE must be 1-50 visible ASCII characters',
  /** 401: a hash that is not the lowercase hex SHA-512 of secret + nonce. */
  badHash: 'X-API-HASH does not match: expected the lowercase hex SHA-512 of secret + nonce',
  /** 401: a nonce seen before. */
  reusedNonce: 'X-API-NONCE has been used before; every request needs a new nonce',
  /** 400: a body that is not JSON. */
  malformedJson: 'The request body is not valid JSON',
  /** 422: the balance cannot pay the order (Huuray's wording). */
  insufficientFunds: 'You have nothing left on your account',
  /** 422: no codes left at that value. */
  outOfStock: 'No Giftcard left',
  /** 404: an unknown product token. */
  productNotFound: 'Product not found',
  /** 403: a product the account may not order. */
  productNoAccess: 'Your API Access is not allowed to order this product',
  /** 422: an inactive product. */
  productInactive: 'The product is not active',
  /** 404: the account has no templates (Huuray answers 404 for empty). */
  noTemplates: 'There were no active templates',
  /** 404: an empty catalogue. */
  noProducts: 'There were no products',
  /** 422: no template for the delivery asked for. */
  templateNotFound: 'There is no template for the given delivery method',
  /** 404: an unknown order UID. */
  orderNotFound: 'Order not found',
  /** 404: a voucher id that is not in the order. */
  voucherNotInOrder: 'Voucher not found in the given order',
  /** 404: a search without matches (Huuray's wording). */
  nothingFound: 'No Coupon found',
  /** 422: an async order whose vouchers do not exist yet. */
  orderPending: 'The order is still being processed; try again when it is complete',
  /** 422: a cancel that could cancel nothing. */
  nothingCancelled: 'No voucher could be cancelled: they are redeemed or already cancelled',
  /** 422: a resend that could resend nothing. */
  nothingResent: 'No voucher could be resent: they are redeemed, cancelled or the order has no delivery',
  /** 500: the text of injected server errors. */
  internal: 'Internal Server Error',
  /** 404: a path the spec does not have. */
  notFound: 'No such endpoint',
} as const;
