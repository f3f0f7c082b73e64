import { sleep } from '../core/retry-policy.js';
import type { SqlRunner } from './db.js';
import { tokenDigest } from './queue.js';

/** Options of the rate governor shared by every worker that uses one API token. */
export interface GovernorOptions {
  /** Order and search requests allowed per window, across all workers. Default 100 (per minute). */
  readonly requests?: number | undefined;
  /** The window. Default 60,000 ms. */
  readonly windowMs?: number | undefined;
  /**
   * Added to the window when counting, because the API counts by when requests arrive, not when we let
   * them go: a request admitted at the end of one window may arrive in the next. Default 1,000 ms.
   */
  readonly marginMs?: number | undefined;
}

/** Requests the governor counts: they are the ones gift-card APIs limit (orders, and the searches around them). */
const COUNTED = /\/v4\/(Order|Search)$/i;
const MAX_PAUSE_MS = 10 * 60_000;

/**
 * A request-rate governor per API token, kept in PostgreSQL so every worker on every machine shares
 * it: a sliding log of admitted requests per token digest (never the token), and a shared pause set
 * when any worker meets a 429. Admission is one transaction holding the token's row lock, so two
 * workers can never both take the last slot of a window.
 */
export class RateGovernor {
  readonly #db: SqlRunner;
  readonly #tokenHash: string;
  readonly #requests: number;
  readonly #spanMs: number;

  constructor(db: SqlRunner, token: string, options: GovernorOptions = {}) {
    this.#db = db;
    this.#tokenHash = tokenDigest(token);
    this.#requests = options.requests ?? 100;
    this.#spanMs = (options.windowMs ?? 60_000) + (options.marginMs ?? 1_000);
  }

  /** Waits until the shared pause is over and, for a counted request, until the window has room; then takes a slot. */
  async admit(counted: boolean, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const waitMs = await this.#tryAdmit(counted);
      if (waitMs <= 0) return;
      await sleep(Math.min(waitMs, 5_000), signal);
    }
  }

  /**
   * Waits, without taking a slot, until the shared pause is over and the window has room. Workers call
   * it before `send`: time spent waiting inside `fetch` counts against a request's own timeout, and an
   * order that times out before it was even sent would be treated as in doubt.
   */
  async ready(): Promise<void> {
    for (;;) {
      const [row] = await this.#db.query<{ wait_ms: number | null }>(
        `SELECT GREATEST(
           COALESCE((SELECT EXTRACT(EPOCH FROM (paused_until - clock_timestamp())) * 1000
                     FROM huuray_rate_governor WHERE token_hash = $1), 0),
           (SELECT CASE WHEN count(*) < $3 THEN 0
                   ELSE EXTRACT(EPOCH FROM (min(at) + $2 * interval '1 millisecond' - clock_timestamp())) * 1000 END
            FROM huuray_rate_log WHERE token_hash = $1 AND at > clock_timestamp() - $2 * interval '1 millisecond')
         ) AS wait_ms`,
        [this.#tokenHash, this.#spanMs, this.#requests],
      );
      const waitMs = Number(row?.wait_ms ?? 0);
      if (!(waitMs > 0)) return;
      await sleep(Math.min(waitMs, 5_000));
    }
  }

  /** Pauses every worker of this token for `ms` (a 429's `Retry-After`); a longer pause already set is kept. */
  async pause(ms: number, reason: string): Promise<void> {
    const bounded = Math.min(Math.max(ms, 0), MAX_PAUSE_MS);
    await this.#db.query(
      `INSERT INTO huuray_rate_governor (token_hash, paused_until, pause_reason)
       VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond', $3)
       ON CONFLICT (token_hash) DO UPDATE SET
         paused_until = GREATEST(COALESCE(huuray_rate_governor.paused_until, EXCLUDED.paused_until), EXCLUDED.paused_until),
         pause_reason = EXCLUDED.pause_reason`,
      [this.#tokenHash, bounded, reason],
    );
  }

  /** 0 when admitted, else how long to wait before asking again. */
  async #tryAdmit(counted: boolean): Promise<number> {
    return this.#db.transaction(async (tx) => {
      await tx.query('INSERT INTO huuray_rate_governor (token_hash) VALUES ($1) ON CONFLICT (token_hash) DO NOTHING', [
        this.#tokenHash,
      ]);
      const [row] = await tx.query<{ pause_ms: number | null }>(
        `SELECT EXTRACT(EPOCH FROM (paused_until - clock_timestamp())) * 1000 AS pause_ms
         FROM huuray_rate_governor WHERE token_hash = $1 FOR UPDATE`,
        [this.#tokenHash],
      );
      const pauseMs = row?.pause_ms === null || row?.pause_ms === undefined ? 0 : Number(row.pause_ms);
      if (pauseMs > 0) return pauseMs;
      if (!counted) return 0;
      const [window] = await tx.query<{ used: string; free_in_ms: number | null }>(
        `SELECT count(*) AS used,
                EXTRACT(EPOCH FROM (min(at) + $2 * interval '1 millisecond' - clock_timestamp())) * 1000 AS free_in_ms
         FROM huuray_rate_log WHERE token_hash = $1 AND at > clock_timestamp() - $2 * interval '1 millisecond'`,
        [this.#tokenHash, this.#spanMs],
      );
      if (Number(window?.used ?? 0) >= this.#requests) return Math.max(1, Number(window?.free_in_ms ?? 1));
      await tx.query('INSERT INTO huuray_rate_log (token_hash, at) VALUES ($1, clock_timestamp())', [this.#tokenHash]);
      // Keep the log short: entries older than two windows can never count again.
      await tx.query(
        `DELETE FROM huuray_rate_log WHERE token_hash = $1 AND at < clock_timestamp() - $2 * interval '1 millisecond'`,
        [this.#tokenHash, this.#spanMs * 2],
      );
      return 0;
    });
  }

  /**
   * Wraps `fetch` (for `new Huuray({ fetch })`): every request waits for the shared pause, order and
   * search requests for a slot; a 429 with `Retry-After` pauses every worker of the token.
   */
  wrap(
    fetchImpl: (request: Request) => Promise<Response> = (request) => fetch(request),
  ): (request: Request) => Promise<Response> {
    return async (request) => {
      await this.admit(COUNTED.test(new URL(request.url).pathname), request.signal);
      const response = await fetchImpl(request);
      if (response.status === 429) {
        await this.pause(retryAfterMs(response.headers.get('retry-after')), 'the API answered 429 Too Many Requests');
      }
      return response;
    };
  }
}

/** `Retry-After` as seconds or an HTTP date; 1 s when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  if (header === null) return 1_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1_000 : Math.max(0, at - Date.now());
}
