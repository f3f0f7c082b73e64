import type { OperationName } from '../../generated/operations.js';

const MiB = 1024 * 1024;

/**
 * How many bytes of a response body the client reads per operation before it stops with
 * `HuurayResponseTooLargeError`. A full live catalogue (5,000+ brands; 50,000 products is about
 * 63 MB) fits in the Catalogue limit with room to double. Search and Order answers list one order's
 * vouchers (an async order of 10,000 vouchers is about 3 MB). Everything else is a few fields.
 */
export const DEFAULT_MAX_RESPONSE_BYTES: Readonly<Record<OperationName, number>> = {
  Balance: 1 * MiB,
  Cancel: 16 * MiB,
  Catalogue: 128 * MiB,
  ExchangeRates: 1 * MiB,
  Order: 16 * MiB,
  Resend: 1 * MiB,
  Search: 16 * MiB,
  Stock: 1 * MiB,
  Template: 4 * MiB,
};

/** For paths the spec does not list (the raw client can call anything). */
export const FALLBACK_MAX_RESPONSE_BYTES = 16 * MiB;

/** Per-operation overrides of {@link DEFAULT_MAX_RESPONSE_BYTES}. */
export type MaxResponseBytes = Partial<Record<OperationName, number>>;

/** The limit for a request path such as `/v4/Catalogue` (matched ignoring case, as ASP.NET routes). */
export function responseLimitFor(pathname: string, overrides: MaxResponseBytes = {}): number {
  const name = pathname.replace(/^.*\/v4\//i, '').toLowerCase();
  const entry = Object.keys(DEFAULT_MAX_RESPONSE_BYTES).find((op) => op.toLowerCase() === name) as
    | OperationName
    | undefined;
  if (entry === undefined) return FALLBACK_MAX_RESPONSE_BYTES;
  return overrides[entry] ?? DEFAULT_MAX_RESPONSE_BYTES[entry];
}
