/**
 * huuray-client: a typed, signed, money-safe client for the Huuray API v4.
 * @packageDocumentation
 */
export type { components, paths } from '../generated/openapi.js';
export * from './campaign/index.js';
export { DEFAULT_RECONCILE, type ReconcileOptions } from './context.js';
export { DEFAULT_BASE_URL } from './core/base-url.js';
export { createHuurayClient, type HuurayClient, type HuurayClientOptions, signingMiddleware } from './core/client.js';
export * from './core/errors/index.js';
export type { HuurayEvent, HuurayLogger } from './core/events.js';
export { MAX_NONCE_LENGTH, type NonceFactory, randomNonce } from './core/nonce.js';
export { redact } from './core/redact.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  FALLBACK_MAX_RESPONSE_BYTES,
  type MaxResponseBytes,
} from './core/response-limits.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './core/retry-policy.js';
export type { CallOptions } from './core/transport.js';
export type { Balance } from './domain/balance.js';
export {
  type DenominationRange,
  filterProducts,
  fitsDenomination,
  type Product,
  type ProductFilter,
} from './domain/catalogue.js';
export type { Order, Recipient, Voucher } from './domain/order.js';
export type { Template } from './domain/template.js';
export { type ExchangeRate, Huuray } from './huuray.js';
export type { RecipientInput } from './inputs/fields.js';
export { MAX_SYNC_QUANTITY, type OrderInput } from './inputs/order-input.js';
export type { FindInput, VoucherTarget } from './inputs/query-input.js';
export { currencyExponent, formatMinor, toMinorUnits } from './money.js';
export type { HuurayOptions } from './options.js';
export type { AsyncOrder, CancelResult, Orders, ResendResult, SyncOrder } from './orders.js';
export {
  type IssueChunk,
  type IssueInput,
  type IssueOptions,
  type IssueResult,
  planChunks,
} from './workflows/issue.js';
export type { PlacedOrder } from './workflows/place-once.js';
export type { RevealOptions } from './workflows/reveal-codes.js';
export type { SendInput, SendOptions } from './workflows/send.js';
