/**
 * `huuray-client`: a typed, signed, money-safe client for the Huuray API v4.
 *
 * This entry is the client alone: it runs wherever `fetch` and Web Crypto exist (Node, Bun, Deno, edge
 * runtimes) and imports no Node built-in. Campaigns from spreadsheets are in `huuray-client/campaign`,
 * the local stand-in for tests in `huuray-client/sandbox`.
 *
 * @packageDocumentation
 */

export { DEFAULT_BASE_URL } from './core/base-url.js';
export { createHuurayClient, type HuurayClient, type HuurayClientOptions } from './core/client.js';
export type { InDoubtTiming } from './core/errors/indeterminate-order-error.js';
export {
  type ApiErrorDetails,
  type ConflictDifference,
  HuurayApiError,
  HuurayAuthenticationError,
  HuurayBadRequestError,
  HuurayConflictError,
  HuurayConnectionError,
  HuurayError,
  type HuurayErrorOptions,
  HuurayIndeterminateOrderError,
  HuurayNotFoundError,
  HuurayPermissionDeniedError,
  HuurayRateLimitError,
  HuurayRedirectError,
  HuurayResponseTooLargeError,
  HuurayResponseValidationError,
  HuurayServerError,
  HuurayTimeoutError,
  HuurayUnprocessableError,
  HuurayValidationError,
  type ValidationIssue,
} from './core/errors/index.js';
export type { HuurayEvent, HuurayLogger } from './core/events.js';
export type { NonceFactory } from './core/nonce.js';
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
export type { HuurayEnv } from './environment.js';
export { type ExchangeRate, Huuray } from './huuray.js';
export type { RecipientInput } from './inputs/fields.js';
export { MAX_SYNC_QUANTITY, type OrderInput } from './inputs/order-input.js';
export type { FindInput, VoucherTarget } from './inputs/query-input.js';
export { fingerprintIntent, recipientsDigest } from './ledger/fingerprint.js';
export { MemoryLedger, type MemoryLedgerOptions } from './ledger/memory-ledger.js';
export type {
  ClaimResult,
  Ledger,
  LedgerEntry,
  LedgerQuery,
  LedgerReader,
  LedgerState,
  RewardIntent,
  Settlement,
} from './ledger/types.js';
export { currencyExponent, formatMinor, toMinorUnits } from './money.js';
export { DEFAULT_RECONCILE, type ReconcileOptions } from './options/defaults.js';
export type { HuurayOptions } from './options/huuray-options.js';
export type { AsyncOrder, CancelResult, Orders, ResendResult, SyncOrder } from './orders.js';
export type { components, paths } from './spec-types.js';
export type { IssueChunk, IssueInput, IssueOptions, IssueResult } from './workflows/issue.js';
export type { PlacedOrder } from './workflows/placed-order.js';
export {
  decimalAmount,
  type ReconciliationReport,
  type ReconciliationRow,
  reconciliationReport,
  reportCsv,
  reportJson,
} from './workflows/reconciliation-report.js';
export {
  DEFAULT_QUARANTINE_MS,
  type ResolveAction,
  type ResolvedEntry,
  type ResolveLedgerOptions,
  type ResolverClient,
  resolveLedger,
} from './workflows/resolve-ledger.js';
export type { RevealOptions } from './workflows/reveal-codes.js';
export type { SendInput, SendOptions } from './workflows/send.js';
