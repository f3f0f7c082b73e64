import type { CallOptions } from '../core/transport.js';
import type { Order } from '../domain/order.js';
import type { Ledger, LedgerEntry } from '../ledger/types.js';
import { DEFAULT_RECONCILE } from '../options/defaults.js';
import { mapBounded } from './pool.js';

/** The quarantine of an in-doubt refId when none is given, the client's own: see the README ("The quarantine"). */
export const DEFAULT_QUARANTINE_MS = DEFAULT_RECONCILE.quarantineMs;

/** What the resolver needs of a client: a search by RefID. A `Huuray` fits. */
export interface ResolverClient {
  readonly orders: { find(query: { refId: string }, options?: CallOptions): Promise<Order | null> };
}

/** What the resolver did with one in-doubt refId. */
export type ResolveAction =
  /** A search found the order: recorded `done`. */
  | 'found'
  /** Nothing found, still inside the quarantine: left in doubt; a re-send becomes possible at `resendableAt`. */
  | 'quarantined'
  /** Nothing found past the quarantine, and re-sending was not asked for (or had no input): left in doubt. */
  | 'resendable'
  /** Nothing found past the quarantine, re-sent through `resend`: recorded `done` with the new order. */
  | 'resent'
  /** The search failed, or answered with another RefID or no OrderUID: left in doubt. */
  | 'search-failed'
  /** `resend` threw: whatever it did is in the ledger (a ledger-backed `send` records its own outcome). */
  | 'resend-failed';

/** One in-doubt refId and what became of it. Never holds a code or credential. */
export interface ResolvedEntry {
  readonly refId: string;
  readonly action: ResolveAction;
  /** The entry after the resolver's work (re-read from the ledger). */
  readonly entry: LedgerEntry;
  /** When a re-send is allowed (in doubt since + quarantine), ms since the epoch; `null` once done. */
  readonly resendableAt: number | null;
  /** Why the search or re-send failed, for people. */
  readonly detail: string | null;
}

/** Options of {@link resolveLedger}. */
export interface ResolveLedgerOptions {
  /** How long a refId must have been in doubt before a re-send is allowed. Default 10 minutes. */
  readonly quarantineMs?: number | undefined;
  /**
   * Re-sends one refId that is past its quarantine and that a search still did not find, and resolves
   * to the order placed (or `null` to leave it in doubt). Not given: nothing is ever re-sent. The ledger
   * keeps only a digest of the recipients, so the input comes from your own records, e.g.
   * `(entry) => huuray.send(myRecords.get(entry.refId))` with a `Huuray` built on the same ledger, which
   * claims the refId, searches once more and only then sends.
   */
  readonly resend?: ((entry: LedgerEntry) => Promise<Order | null>) | undefined;
  /** Only refIds starting with this (a campaign's `name-`). */
  readonly refIdPrefix?: string | undefined;
  /** Searches in flight at once. Default 4. */
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The clock to compare `inDoubtSince` with; default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * Searches every in-doubt refId of `ledger` by RefID and records what it finds (`resolve` to `done`).
 * What is not found stays in doubt, except that a refId past the quarantine is re-sent through
 * `options.resend` when, and only when, that is given. In-flight entries whose lease ran out are in
 * doubt too (the store turns them so when listing). Resolves to one line per refId it looked at.
 */
export async function resolveLedger(
  client: ResolverClient,
  ledger: Ledger,
  options: ResolveLedgerOptions = {},
): Promise<ResolvedEntry[]> {
  const quarantineMs = options.quarantineMs ?? DEFAULT_QUARANTINE_MS;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(quarantineMs) || quarantineMs < 0) throw new RangeError('quarantineMs must be a whole number');
  // A holder whose lease ran out died mid-order: its refId is in doubt too, whether or not the store
  // has turned it so yet (PostgreSQL does when listing; a memory store when it is next claimed).
  const listed = await ledger.list({ state: ['in-doubt', 'in-flight'], refIdPrefix: options.refIdPrefix });
  const inDoubt = listed.filter((e) => e.state === 'in-doubt' || (e.leaseUntil !== null && e.leaseUntil <= now()));

  const resolveOne = async (entry: LedgerEntry): Promise<ResolvedEntry> => {
    options.signal?.throwIfAborted();
    const { refId } = entry;
    const line = async (action: ResolveAction, detail: string | null = null): Promise<ResolvedEntry> => {
      const after = (await ledger.get(refId)) ?? entry;
      const since = after.state === 'done' ? null : after.inDoubtSince;
      return { refId, action, entry: after, resendableAt: since === null ? null : since + quarantineMs, detail };
    };
    let found: Order | null;
    try {
      found = await client.orders.find({ refId }, { signal: options.signal });
    } catch (error) {
      return line('search-failed', error instanceof Error ? error.message : String(error));
    }
    if (found !== null) {
      // Only an answer naming this very RefID and an OrderUID proves the order; anything else proves nothing.
      if (found.refId !== refId || found.orderUid === '') {
        return line('search-failed', 'the search answered with another RefID or no OrderUID');
      }
      await ledger.resolve(refId, { state: 'done', orderUid: found.orderUid });
      return line('found');
    }
    if (entry.state === 'in-flight') {
      await ledger.resolve(refId, {
        state: 'in-doubt',
        reason: `the lease of ${entry.holder} ended before it settled`,
        since: entry.leaseUntil ?? now(),
      });
    }
    const since = entry.inDoubtSince ?? entry.leaseUntil ?? now();
    if (now() < since + quarantineMs) return line('quarantined');
    if (options.resend === undefined) return line('resendable');
    let placed: Order | null;
    try {
      placed = await options.resend(entry);
    } catch (error) {
      return line('resend-failed', error instanceof Error ? error.message : String(error));
    }
    if (placed === null) return line('resendable', 'no input to re-send it with');
    if (placed.orderUid !== '' && placed.refId === refId) {
      await ledger.resolve(refId, { state: 'done', orderUid: placed.orderUid });
    }
    return line('resent');
  };

  const settled = await mapBounded(inDoubt, options.concurrency ?? 4, resolveOne);
  return settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    if (s.status === 'rejected') throw s.reason;
    throw new Error(`resolver skipped ${inDoubt[i]?.refId}`);
  });
}
