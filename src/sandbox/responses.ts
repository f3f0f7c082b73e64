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
  missingToken: 'Missing X-API-TOKEN header',
  unknownToken: 'Your API Access was not found or have been recalled',
  badNonce: 'X-API-NONCE must be 1-50 visible ASCII characters',
  badHash: 'X-API-HASH does not match: expected the lowercase hex SHA-512 of secret + nonce',
  reusedNonce: 'X-API-NONCE has been used before; every request needs a new nonce',
  malformedJson: 'The request body is not valid JSON',
  insufficientFunds: 'You have nothing left on your account',
  outOfStock: 'No Giftcard left',
  productNotFound: 'Product not found',
  productNoAccess: 'Your API Access is not allowed to order this product',
  productInactive: 'The product is not active',
  noTemplates: 'There were no active templates',
  noProducts: 'There were no products',
  templateNotFound: 'There is no template for the given delivery method',
  orderNotFound: 'Order not found',
  voucherNotInOrder: 'Voucher not found in the given order',
  nothingFound: 'No Coupon found',
  orderPending: 'The order is still being processed; try again when it is complete',
  nothingCancelled: 'No voucher could be cancelled: they are redeemed or already cancelled',
  nothingResent: 'No voucher could be resent: they are redeemed, cancelled or the order has no delivery',
  internal: 'Internal Server Error',
  notFound: 'No such endpoint',
} as const;
