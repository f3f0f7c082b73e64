/**
 * Every default of the client in one place: the constructor, per-call options, `send`, `issue`,
 * `revealCodes` and campaigns all read them from here, so a default is changed once.
 */
import { DEFAULT_RETRY_POLICY } from '../core/retry-policy.js';

/** How `send`, `issue` and campaign rows find out what happened to an order whose answer was lost. */
export interface ReconcileOptions {
  /** Search by RefID before the first POST of a refId this process has no record of, and return an order that already exists (default `true`). */
  readonly checkExisting: boolean;
  /** Searches after an ambiguous failure before concluding the order did not land (default 4). */
  readonly checks: number;
  /** Wait between those searches; orders have landed 30+ s after the client gave up (default 15 s). */
  readonly settleDelayMs: number;
  /** POSTs per call in all, the first included (default 2). A later one is sent only past the quarantine. */
  readonly maxOrderAttempts: number;
  /**
   * How long a refId stays in doubt after an ambiguous attempt before it may be sent again, and then
   * only when a search still finds nothing (default 10 minutes). Orders have landed over 30 s after
   * the client gave up; ten minutes is twenty times that, while a reward still goes out the same hour.
   */
  readonly quarantineMs: number;
}

export const DEFAULT_RECONCILE: ReconcileOptions = {
  checkExisting: true,
  checks: 4,
  settleDelayMs: 15_000,
  maxOrderAttempts: 2,
  quarantineMs: 600_000,
};

/** Time limit per attempt of a read. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Time limit per attempt of an order, resend or cancel: orders have taken over 30 s. */
export const DEFAULT_ORDER_TIMEOUT_MS = 120_000;
export { DEFAULT_RETRY_POLICY };

/** Requests in flight at once for `issue` chunks, `revealCodes` searches and campaign rows. */
export const DEFAULT_CONCURRENCY = 4;
/** The most any of them may run at once: the API documents no rate limit, others allow about 10/s. */
export const MAX_CONCURRENCY = 32;

/**
 * How long a ledger claim lasts without renewal. The holder renews it every third of that while its
 * order is in flight (an order attempt can take 120 s), so only a dead holder's claim runs out.
 */
export const LEASE_MS = 60_000;
export const LEASE_RENEW_EVERY_MS = 20_000;

/** Largest delay a JavaScript timer can take. */
export const MAX_TIMER_MS = 2_147_483_647;
