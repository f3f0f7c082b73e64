import { z } from 'zod';
import type { HuurayLogger } from '../core/events.js';
import type { NonceFactory } from '../core/nonce.js';
import type { MaxResponseBytes } from '../core/response-limits.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import { parseInput } from '../inputs/parse.js';
import type { Ledger } from '../ledger/types.js';
import {
  DEFAULT_ORDER_TIMEOUT_MS,
  DEFAULT_RECONCILE,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  type ReconcileOptions,
} from './defaults.js';
import { defined } from './defined.js';
import { delay, duration, reconcileSchema } from './schemas.js';

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
  /** A `fetch` to use instead of the global one (the facade then sends with it whatever `httpClient` says). */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * What the facade sends with when no `fetch` is given. On Node.js the default is `'node'`: node:http
   * and node:https through their `globalAgent`, which cost well under half the CPU of Node's `fetch` per
   * request. Elsewhere (Bun, Deno, browsers, workers) it is always the global `fetch`. Choose `'fetch'`
   * on Node.js to go through undici, for example when a test stubs the global `fetch` or an undici
   * dispatcher (`setGlobalDispatcher`) is installed. The `raw` client always uses `fetch`.
   */
  readonly httpClient?: 'node' | 'fetch' | undefined;
  /** Produces `X-API-NONCE`; default 24 random bytes as base64url. */
  readonly nonce?: NonceFactory | undefined;
  /**
   * Where every reward intent is recorded before its first order request. Default: a memory ledger
   * shared by every `Huuray` of this process with the same base URL and token, so concurrent calls
   * for one refId share one placement. Give a durable store to share it across processes.
   */
  readonly ledger?: Ledger | undefined;
  /**
   * Per-operation response size limits in bytes, e.g. `{ Catalogue: 256 * 1024 * 1024 }`; see
   * `DEFAULT_MAX_RESPONSE_BYTES`. A larger body is `HuurayResponseTooLargeError` (ambiguous for an order).
   */
  readonly maxResponseBytes?: MaxResponseBytes | undefined;
  /**
   * Allow a client where `window` and `document` exist. Off by default: in a browser the secret is readable by
   * everyone who loads the page. Set it only for code that never reaches a browser (e.g. a test DOM).
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

const isLedger = (value: unknown): value is Ledger =>
  typeof value === 'object' &&
  value !== null &&
  ['claim', 'renew', 'settle', 'resolve', 'get', 'list', 'wait', 'close'].every(
    (method) => typeof (value as Record<string, unknown>)[method] === 'function',
  );

const tuning = z.object({
  timeoutMs: duration.optional(),
  orderTimeoutMs: duration.optional(),
  maxRetries: z.int({ error: 'must be a whole number' }).min(0).max(10).optional(),
  retry: z
    .strictObject({ baseDelayMs: delay.optional(), maxDelayMs: delay.optional(), maxRetryAfterMs: delay.optional() })
    .optional(),
  reconcile: reconcileSchema.optional(),
  validateResponses: z.union([z.boolean(), z.literal('warn')]).optional(),
  logger: z.function().optional(),
  httpClient: z.enum(['node', 'fetch']).optional(),
  ledger: z.custom<Ledger>(isLedger, { error: 'must implement the Ledger interface' }).optional(),
});

export interface ResolvedTuning {
  readonly timeoutMs: number;
  readonly orderTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly reconcile: ReconcileOptions;
  readonly validateResponses: boolean | 'warn';
  readonly ledger: Ledger | undefined;
}

/** Checks the tuning options (credentials and base URL are checked by the client) and fills in defaults. */
export function resolveTuning(options: HuurayOptions): ResolvedTuning {
  const t = parseInput(tuning, options, 'Huuray options');
  return {
    timeoutMs: t.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    orderTimeoutMs: t.orderTimeoutMs ?? DEFAULT_ORDER_TIMEOUT_MS,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      ...defined(t.retry),
      maxRetries: t.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    },
    reconcile: { ...DEFAULT_RECONCILE, ...defined(t.reconcile) },
    validateResponses: t.validateResponses ?? true,
    ledger: t.ledger,
  };
}
