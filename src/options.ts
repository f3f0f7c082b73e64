import { z } from 'zod';
import { DEFAULT_RECONCILE, type ReconcileOptions } from './context.js';
import type { HuurayLogger } from './core/events.js';
import type { NonceFactory } from './core/nonce.js';
import type { MaxResponseBytes } from './core/response-limits.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './core/retry-policy.js';
import { parseInput } from './inputs/parse.js';

/** Options of `new Huuray(...)`. Only `token` and `secret` are required. */
export interface HuurayOptions {
  /** The account's API token (`X-API-TOKEN`). */
  readonly token: string;
  /** The account's API secret; only SHA-512(secret + nonce) leaves the process. */
  readonly secret: string;
  /** Default `https://api.huuray.com`; https only, plain http for loopback hosts. */
  readonly baseUrl?: string | undefined;
  /** Time limit per attempt of a read. Default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** Time limit per attempt of an order, resend or cancel. Default 120 s: orders have taken over 30 s. */
  readonly orderTimeoutMs?: number | undefined;
  /** Retries of a read after its first attempt. Default 2. Writes are never retried blindly. */
  readonly maxRetries?: number | undefined;
  /** Backoff of read retries: `baseDelayMs` 500, `maxDelayMs` 8000, `maxRetryAfterMs` 60000 by default. */
  readonly retry?: Partial<Omit<RetryPolicy, 'maxRetries'>> | undefined;
  /** How `send` and `issue` reconcile after a lost answer; see `ReconcileOptions`. */
  readonly reconcile?: Partial<ReconcileOptions> | undefined;
  /** Validate 2xx bodies with the spec's schemas: `true` (default) throws, `'warn'` logs and goes on, `false` skips. */
  readonly validateResponses?: boolean | 'warn' | undefined;
  /** Receives one event per attempt and reconciliation step; never a secret or code. */
  readonly logger?: HuurayLogger | undefined;
  /** A `fetch` to use instead of the global one. */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Produces `X-API-NONCE`; default 24 random bytes as base64url. */
  readonly nonce?: NonceFactory | undefined;
  /**
   * Per-operation response size limits in bytes, e.g. `{ Catalogue: 256 * 1024 * 1024 }`; see
   * `DEFAULT_MAX_RESPONSE_BYTES`. A larger body is `HuurayResponseTooLargeError` (ambiguous for an order).
   */
  readonly maxResponseBytes?: MaxResponseBytes | undefined;
}

const MAX_TIMER_MS = 2_147_483_647;
const duration = z.int({ error: 'must be a whole number of milliseconds' }).min(1).max(MAX_TIMER_MS);
const delay = z.int({ error: 'must be a whole number of milliseconds' }).min(0).max(MAX_TIMER_MS);

const tuning = z.object({
  timeoutMs: duration.optional(),
  orderTimeoutMs: duration.optional(),
  maxRetries: z.int({ error: 'must be a whole number' }).min(0).max(10).optional(),
  retry: z
    .strictObject({ baseDelayMs: delay.optional(), maxDelayMs: delay.optional(), maxRetryAfterMs: delay.optional() })
    .optional(),
  reconcile: z
    .strictObject({
      checkExisting: z.boolean().optional(),
      checks: z.int().min(1).max(100).optional(),
      settleDelayMs: delay.optional(),
      maxOrderAttempts: z.int().min(1).max(10).optional(),
    })
    .optional(),
  validateResponses: z.union([z.boolean(), z.literal('warn')]).optional(),
  logger: z.function().optional(),
});

export interface ResolvedTuning {
  readonly timeoutMs: number;
  readonly orderTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly reconcile: ReconcileOptions;
  readonly validateResponses: boolean | 'warn';
}

function defined<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Checks the tuning options (credentials and base URL are checked by the client) and fills in defaults. */
export function resolveTuning(options: HuurayOptions): ResolvedTuning {
  const t = parseInput(tuning, options, 'Huuray options');
  return {
    timeoutMs: t.timeoutMs ?? 30_000,
    orderTimeoutMs: t.orderTimeoutMs ?? 120_000,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      ...defined(t.retry),
      maxRetries: t.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    },
    reconcile: { ...DEFAULT_RECONCILE, ...defined(t.reconcile) },
    validateResponses: t.validateResponses ?? true,
  };
}
