/**
 * Fault injection per operation: faults scheduled explicitly for the next calls, and faults drawn at
 * a rate from a PRNG seeded with the sandbox's seed, so a failing run can be replayed exactly.
 */
import type { OperationName } from '../../generated/operations.js';
import { createPrng, type Prng } from './prng.js';

/**
 * What can go wrong, in the order a request meets it:
 * - `latency`: the answer comes `ms` later (default 100).
 * - `redirect`: a 3xx (`status`, default 307) to `location`, another origin, before authentication;
 *   with `store: true` the request is handled and stored first.
 * - `rate-limit`: 429 with `Retry-After` (default 1 s), before authentication; nothing is stored.
 * - `html-error`: an nginx-style HTML page with 502 (or 503), as a proxy in front of the API sends.
 * - `echo`: an error (`status`, default 400) whose text repeats the request's headers and body, as a
 *   debugging proxy does, plus the codes of the account's last `codes` vouchers; nothing is stored.
 *   What it echoed is kept in the request log's `echoed`, so a test can look for it elsewhere.
 * - `refuse`: a definitive refusal (`status` 400/401/403/404/422, `message`) before anything is stored.
 * - `error-before-store`: 500 with the `Response` body; nothing is stored.
 * - `slow-commit`: the request is handled `ms` later (default 500); a client that gave up meanwhile
 *   never sees the answer, yet the order lands.
 * - `error-after-store`: the request is handled and stored, then answered 500.
 * - `drop-after-store`: the request is handled and stored, then the connection is destroyed.
 * - `hang-after-store`: the request is handled and stored, then never answered (until close).
 * - `land-late`: the request is stored, its connection destroyed, and the order stays invisible to
 *   Search for `ms` (default 1000): an answer lost and an order that shows up late.
 * - `replayed-request`: Deno's fetch re-sending a POST whose connection dropped: the first copy is
 *   handled and stored, the second carries the same nonce and is answered 401 (nonce used).
 * - `malformed-body`: the request is handled, the answer's status is kept but its JSON is cut in half.
 * - `oversized-body`: the request is handled, and the answer is padded to `bytes` (default 20 MB),
 *   streamed without a Content-Length unless `declareLength`.
 * - `empty-object`: 200 with `{}`; the request is handled and stored only with `store: true`.
 * - `foreign-refid`: handled and stored, but the answer names another RefID.
 * - `null-refid-search` (Search): answers the account's latest order, any, with `RefID: null`; when
 *   there is none, a made-up OrderUID.
 * - `stale-404` (Search): 404 "nothing found" although a matching order is stored.
 * - `search-ignores-refid` (Search): the RefID criterion is ignored; the latest order matching the
 *   other criteria (or any, when RefID was the only one) is answered.
 */
export type FaultKind =
  | 'latency'
  | 'redirect'
  | 'rate-limit'
  | 'html-error'
  | 'echo'
  | 'refuse'
  | 'error-before-store'
  | 'slow-commit'
  | 'error-after-store'
  | 'drop-after-store'
  | 'hang-after-store'
  | 'land-late'
  | 'replayed-request'
  | 'malformed-body'
  | 'oversized-body'
  | 'empty-object'
  | 'foreign-refid'
  | 'null-refid-search'
  | 'stale-404'
  | 'search-ignores-refid';

/** One fault with its parameters. */
export type Fault =
  | {
      /** Delay before the request is handled. */
      readonly kind: 'latency';
      /** How long, in milliseconds. */
      readonly ms?: number;
    }
  | {
      /** The order is stored only after a delay, so a search meanwhile finds nothing. */
      readonly kind: 'slow-commit';
      /** How long, in milliseconds. */
      readonly ms?: number;
    }
  | {
      /** The order is answered at once but lands (becomes searchable) only later. */
      readonly kind: 'land-late';
      /** How long, in milliseconds. */
      readonly ms?: number;
    }
  | {
      /** A 429 answer. */
      readonly kind: 'rate-limit';
      /** The `Retry-After` header it carries. */
      readonly retryAfterSeconds?: number;
    }
  | {
      /** An HTML error page from a proxy. */
      readonly kind: 'html-error';
      /** Its status. */
      readonly status?: 502 | 503;
    }
  | {
      /** A redirect, e.g. to another origin (credentials must not follow it). */
      readonly kind: 'redirect';
      /** Where it points. */
      readonly location: string;
      /** Its status. */
      readonly status?: 301 | 302 | 303 | 307 | 308;
      /** Whether the order is stored before the redirect is answered. */
      readonly store?: boolean;
    }
  | {
      /** An error answer that echoes the request's headers and codes back, to test that nothing secret is kept. */
      readonly kind: 'echo';
      /** Its status. */
      readonly status?: 400 | 401 | 403 | 404 | 422 | 500;
      /** How many codes to echo. */
      readonly codes?: number;
    }
  | {
      /** A refusal with a chosen status and message; nothing is stored. */
      readonly kind: 'refuse';
      /** Its status. */
      readonly status: 400 | 401 | 403 | 404 | 422;
      /** Its `StatusMessage`. */
      readonly message?: string;
    }
  | {
      /** A body larger than the client's limit. */
      readonly kind: 'oversized-body';
      /** Its size in bytes. */
      readonly bytes?: number;
      /** Whether `Content-Length` announces it. */
      readonly declareLength?: boolean;
    }
  | {
      /** A 200 with `{}` for a body. */
      readonly kind: 'empty-object';
      /** Whether the order is stored anyway. */
      readonly store?: boolean;
    }
  | {
      /** A fault without parameters; see {@link FaultKind}. */
      readonly kind:
        | 'error-before-store'
        | 'error-after-store'
        | 'drop-after-store'
        | 'hang-after-store'
        | 'replayed-request'
        | 'malformed-body'
        | 'foreign-refid'
        | 'null-refid-search'
        | 'stale-404'
        | 'search-ignores-refid';
    };

const NEEDS_PARAMETERS: readonly FaultKind[] = ['redirect', 'refuse'];

/** Faults drawn at random: each call of the operation meets one of `kinds` with probability `rate`. */
export interface FaultRate {
  /** Between 0 and 1. */
  readonly rate: number;
  /** Chosen with equal probability when a fault is drawn. */
  readonly kinds: readonly (FaultKind | Fault)[];
}

/** The `faults` option of `startSandbox`: rates per operation. */
export type FaultOptions = Partial<Record<OperationName, FaultRate>>;

function asFault(fault: FaultKind | Fault): Fault {
  if (typeof fault !== 'string') return fault;
  if (NEEDS_PARAMETERS.includes(fault))
    throw new RangeError(`fault ${fault} needs its parameters: pass { kind: '${fault}', ... }`);
  return { kind: fault } as Fault;
}

/** Schedules and draws faults; reachable as `state.faults`. */
export class FaultController {
  readonly #seed: number;
  readonly #queues = new Map<OperationName, Fault[]>();
  readonly #rates = new Map<OperationName, FaultRate>();
  readonly #streams = new Map<OperationName, Prng>();

  constructor(seed: number, rates: FaultOptions = {}) {
    this.#seed = seed;
    for (const [operation, rate] of Object.entries(rates) as [OperationName, FaultRate][]) {
      this.setRate(operation, rate);
    }
  }

  /** Makes the next `times` calls of `operation` meet `fault`, before any drawn at a rate. */
  next(operation: OperationName, fault: FaultKind | Fault, times = 1): void {
    const queue = this.#queues.get(operation) ?? [];
    for (let i = 0; i < times; i++) queue.push(asFault(fault));
    this.#queues.set(operation, queue);
  }

  /** Sets (or with `undefined` removes) the random faults of `operation`. */
  setRate(operation: OperationName, rate: FaultRate | undefined): void {
    if (rate === undefined) {
      this.#rates.delete(operation);
      return;
    }
    if (!(rate.rate >= 0 && rate.rate <= 1)) throw new RangeError(`fault rate must be within 0..1, got ${rate.rate}`);
    if (rate.kinds.length === 0) throw new RangeError('a fault rate needs at least one kind');
    this.#rates.set(operation, rate);
  }

  /** The faults still scheduled for `operation`. */
  scheduled(operation: OperationName): readonly Fault[] {
    return [...(this.#queues.get(operation) ?? [])];
  }

  /** Drops every scheduled fault and every rate. */
  clear(): void {
    this.#queues.clear();
    this.#rates.clear();
  }

  /**
   * The fault for this call of `operation`, if any. Each operation draws from its own stream, so
   * the sequence for one operation does not depend on how calls of others interleave.
   */
  take(operation: OperationName): Fault | undefined {
    const scheduled = this.#queues.get(operation)?.shift();
    if (scheduled !== undefined) return scheduled;
    const rate = this.#rates.get(operation);
    if (rate === undefined) return undefined;
    let stream = this.#streams.get(operation);
    if (stream === undefined) {
      stream = createPrng(this.#seed, `faults:${operation}`);
      this.#streams.set(operation, stream);
    }
    const hit = stream.next() < rate.rate;
    const kind = stream.pick(rate.kinds);
    return hit ? asFault(kind) : undefined;
  }
}
