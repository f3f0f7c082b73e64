import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { HuurayApiError, HuurayRateLimitError } from '../core/errors/api-error.js';
import { HuurayConflictError } from '../core/errors/conflict-error.js';
import { HuurayIndeterminateOrderError } from '../core/errors/indeterminate-order-error.js';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { sleep } from '../core/retry-policy.js';
import { Huuray } from '../huuray.js';
import type { HuurayOptions } from '../options/huuray-options.js';
import type { SendOptions } from '../workflows/send.js';
import { BalanceGuard } from './balance-guard.js';
import { type GovernorOptions, RateGovernor } from './governor.js';
import { LeaseFence } from './lease-fence.js';
import {
  type Decision,
  type DoubtTiming,
  decide,
  release,
  renewLease,
  settleDone,
  settleInDoubt,
  settleRefused,
} from './placement.js';
import { type HuurayQueue, REWARD_JOBS } from './queue.js';
import type { RewardJob, RowState } from './rows.js';

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /** How to reach Huuray. The worker wraps `fetch` with the rate governor; give your `ledger` here too. */
  readonly huuray: HuurayOptions;
  /** Jobs in hand at once, 1-64. Default 4. */
  readonly concurrency?: number | undefined;
  /** The rate governor shared by every worker of the token; `false` turns it off. Default 100 per minute. */
  readonly rateLimit?: GovernorOptions | false | undefined;
  /**
   * How long a row stays in doubt before it may be sent again when searches keep finding nothing.
   * Default 10 minutes: orders have landed over 30 s after the client gave up, and the quarantine must
   * be longer than any landing delay to rule out a double.
   */
  readonly quarantineMs?: number | undefined;
  /** How often a row in doubt is searched during the quarantine. Default 60 s. */
  readonly recheckMs?: number | undefined;
  /** How often a paused campaign's balance is read again (low-balance guard). Default 15 s. */
  readonly balanceCheckMs?: number | undefined;
  /** How often an idle worker asks for jobs. Default 1 s (at least 0.1). */
  readonly pollingIntervalSeconds?: number | undefined;
  /** Aborting it stops the worker gracefully, as `stop()` does. */
  readonly signal?: AbortSignal | undefined;
  /** Passed to every `send` (timeouts, reconciliation); `maxOrderAttempts` is always 1 (see below). */
  readonly sendOptions?: SendOptions | undefined;
  /** Called when a row changes state; must not throw. */
  readonly onRow?: ((event: { readonly refId: string; readonly state: RowState }) => void) | undefined;
}

/** A running worker. */
export interface RewardWorker {
  /** Stops taking jobs, lets the jobs in hand finish (requests in flight are never aborted), then resolves. */
  stop(): Promise<void>;
  /** Jobs in hand now. */
  readonly inHand: number;
}

function checkWorkerOptions(o: WorkerOptions): void {
  const issues: { path: string; message: string }[] = [];
  const int = (path: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
    }
  };
  int('concurrency', o.concurrency, 1, 64);
  int('quarantineMs', o.quarantineMs, 0, 7 * 86_400_000);
  int('recheckMs', o.recheckMs, 1, 86_400_000);
  int('balanceCheckMs', o.balanceCheckMs, 1, 86_400_000);
  if (o.rateLimit !== false && o.rateLimit !== undefined) {
    int('rateLimit.requests', o.rateLimit.requests, 1, 1_000_000);
    int('rateLimit.windowMs', o.rateLimit.windowMs, 1, 86_400_000);
    int('rateLimit.marginMs', o.rateLimit.marginMs, 0, 600_000);
  }
  const poll = o.pollingIntervalSeconds;
  if (poll !== undefined && !(poll >= 0.1 && poll <= 600)) {
    issues.push({ path: 'pollingIntervalSeconds', message: 'must be from 0.1 to 600' });
  }
  if (issues.length > 0) throw new HuurayValidationError('worker options', issues);
}

/** A definitive refusal: nothing was stored, so the row may be sent again later without risk. */
function isRefusal(error: unknown): boolean {
  if (error instanceof HuurayConflictError || error instanceof HuurayValidationError) return true;
  return error instanceof HuurayApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Processes reward jobs until stopped: claims a job's row, places it through `huuray.send` (and so
 * through the configured ledger), and records the outcome. Each `send` makes at most one
 * `POST /v4/Order`: when its outcome is unknown, the row is in doubt in the database, every worker
 * searches for it, and nobody sends it again before the quarantine is over. A worker that dies leaves
 * its rows in flight; when their lease ends, pg-boss hands their jobs to another worker, which treats
 * them as in doubt.
 *
 * @example
 * const queue = await openQueue({ connectionString: process.env.DATABASE_URL! });
 * const worker = await startWorker(queue, { huuray: { token, secret }, concurrency: 8 });
 * process.once('SIGTERM', () => void worker.stop().then(() => queue.close()));
 */
export async function startWorker(queue: HuurayQueue, options: WorkerOptions): Promise<RewardWorker> {
  checkWorkerOptions(options);
  const governor =
    options.rateLimit === false ? null : new RateGovernor(queue.db, options.huuray.token, options.rateLimit ?? {});
  const fence = new LeaseFence(queue);
  const base = options.huuray.fetch ?? ((request: Request) => fetch(request));
  const fenced = fence.wrap(base);
  // The governor admits first; the fence then renews the lease just before the order leaves.
  const timing: DoubtTiming = {
    quarantineMs: options.quarantineMs ?? 600_000,
    recheckMs: options.recheckMs ?? 60_000,
  };
  // The ledger behind send() quarantines too: with the same length, it never blocks a row the queue lets go.
  const huuray = new Huuray({
    ...options.huuray,
    reconcile: { ...options.huuray.reconcile, quarantineMs: timing.quarantineMs },
    fetch: governor === null ? fenced : governor.wrap(fenced),
  });
  const guard = new BalanceGuard(huuray, options.balanceCheckMs ?? 15_000);
  const holderPrefix = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let sequence = 0;
  const notify = (refId: string, state: RowState) => {
    try {
      options.onRow?.({ refId, state });
    } catch {
      // A progress callback must not decide a row's fate.
    }
  };

  const handle = async (job: RewardJob): Promise<void> => {
    const holder = `${holderPrefix}:${++sequence}`;
    if (!(await guard.allows(queue, job.refId))) return;
    const decision = await decide(queue, job, holder, timing);
    if (decision.kind === 'skip') return;
    const renewal = setInterval(
      () => void renewLease(queue, job.refId, holder).catch(() => undefined),
      Math.max(500, (queue.leaseSeconds * 1000) / 3),
    );
    try {
      await fence.holding(job.refId, holder, () => place(decision, holder));
    } finally {
      clearInterval(renewal);
    }
  };

  const place = async (decision: Exclude<Decision, { kind: 'skip' }>, holder: string): Promise<void> => {
    const { row } = decision;
    const refId = row.ref_id;
    await governor?.ready();
    if (decision.kind === 'search') {
      let found: Awaited<ReturnType<Huuray['orders']['find']>> = null;
      try {
        found = await huuray.orders.find({ refId });
      } catch (error) {
        await settleInDoubt(queue, refId, holder, `a search failed: ${describe(error)}`, timing, false);
        notify(refId, 'in-doubt');
        return;
      }
      if (found !== null && found.refId === refId && found.orderUid !== '') {
        await settleDone(queue, refId, found.orderUid, 'reconciled');
        notify(refId, 'done');
      } else {
        await settleInDoubt(queue, refId, holder, 'in doubt: not found by search yet (quarantine)', timing, false);
        notify(refId, 'in-doubt');
      }
      return;
    }
    try {
      const placed = await huuray.send(row.reward, {
        ...options.sendOptions,
        // One POST per claim: a second one belongs to the quarantine, which the database keeps for all workers.
        reconcile: { ...options.sendOptions?.reconcile, maxOrderAttempts: 1 },
        ...(decision.kind === 'send' && decision.priorAttemptAt !== undefined
          ? { priorAttemptAt: decision.priorAttemptAt }
          : {}),
      });
      await settleDone(queue, refId, placed.orderUid, placed.source);
      if (placed.source === 'created')
        guard.spent(row.charge_currency, row.charge_minor === null ? null : Number(row.charge_minor));
      notify(refId, 'done');
    } catch (error) {
      if (error instanceof HuurayRateLimitError) {
        await release(queue, refId, holder, decision.previous, describe(error), error.retryAfterMs ?? 1_000);
        notify(refId, decision.previous);
      } else if (isRefusal(error)) {
        await settleRefused(queue, refId, holder, describe(error));
        notify(refId, 'refused');
      } else {
        // Indeterminate, or anything unexpected: the order may exist. Only a search may settle it.
        const why = error instanceof HuurayIndeterminateOrderError ? error.message : describe(error);
        await settleInDoubt(queue, refId, holder, why, timing, true);
        notify(refId, 'in-doubt');
      }
    }
  };

  // Our own slots rather than pg-boss's work(): a slot takes the next job the moment it is free (work()
  // waits out its polling interval after every job), and a handler is never abandoned at the job's expiry.
  const idle = new AbortController();
  let inHand = 0;
  const pollMs = (options.pollingIntervalSeconds ?? 1) * 1000;
  const slot = async () => {
    while (!idle.signal.aborted) {
      let job: { id: string; data: RewardJob } | undefined;
      try {
        job = (await queue.boss.fetch<RewardJob>(REWARD_JOBS, { batchSize: 1 }))?.[0];
      } catch {
        job = undefined; // the database is unreachable for now: wait and ask again
      }
      if (job === undefined) {
        await sleep(pollMs, idle.signal).catch(() => undefined);
        continue;
      }
      inHand++;
      try {
        await handle(job.data);
        await queue.boss.complete(REWARD_JOBS, job.id).catch(() => undefined);
      } catch (error) {
        // The row's state is unchanged or safe (in doubt); the job is retried after pg-boss's delay.
        await queue.boss.fail(REWARD_JOBS, job.id, { message: describe(error) }).catch(() => undefined);
      } finally {
        inHand--;
      }
    }
  };
  const slots = Array.from({ length: options.concurrency ?? 4 }, () => slot());

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      idle.abort();
      await Promise.all(slots);
    })();
    return stopping;
  };
  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  return {
    stop,
    get inHand() {
      return inHand;
    },
  };
}
