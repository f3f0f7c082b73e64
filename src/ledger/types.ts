/**
 * The reward ledger: one record per refId, written before the first `POST /v4/Order` for it, so that
 * concurrent callers, processes and machines never place the same refId twice. This file is the seam
 * every store (in-memory, PostgreSQL) and every placing path (send, issue chunks, campaign rows,
 * queue jobs) agrees on. It holds no secret and no voucher code, ever.
 */

/**
 * - `in-flight`: a holder is placing the order under a lease.
 * - `done`: the order exists; `orderUid` names it.
 * - `refused`: the API refused it definitively (a 4xx before any ambiguous attempt): nothing was stored.
 * - `in-doubt`: an attempt may have been stored and no search has found it yet (or a holder's lease
 *   expired mid-order). Never re-sent until it has been in doubt for the quarantine and a search
 *   still finds nothing.
 */
export type LedgerState = 'in-flight' | 'done' | 'refused' | 'in-doubt';

/** What is ordered, without anything secret: recipients are reduced to a digest. */
export interface RewardIntent {
  readonly productToken: string;
  readonly valueMinor: number;
  readonly currency: string;
  readonly quantity: number;
  /** `null` for codes without delivery (`issue`). */
  readonly templateId: number | null;
  /** SHA-256 (hex) of the canonical recipient list; `null` when there are none. */
  readonly recipientsDigest: string | null;
}

/** One refId's record. Times are milliseconds since the epoch. */
export interface LedgerEntry {
  readonly refId: string;
  /** SHA-256 (hex) of the canonical `intent`; the same refId with another fingerprint is a conflict. */
  readonly fingerprint: string;
  readonly intent: RewardIntent;
  readonly state: LedgerState;
  /** Who holds the claim while `in-flight` (e.g. `host:pid:random`); `null` otherwise. */
  readonly holder: string | null;
  /** When the holder's lease ends; after it, the refId is treated as in doubt. */
  readonly leaseUntil: number | null;
  /** The order, once `done`. */
  readonly orderUid: string | null;
  /** Why it was refused, or why it is in doubt; never a code or credential. */
  readonly reason: string | null;
  /** Since when it is in doubt (its latest attempt that may have landed); the quarantine runs from it. */
  readonly inDoubtSince: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The answer to a claim. Only `claimed` allows the caller to send anything. */
export type ClaimResult =
  /** The caller now holds the refId. `previous` is the state it was taken over from (`null` when new). */
  | { readonly kind: 'claimed'; readonly entry: LedgerEntry; readonly previous: LedgerState | null }
  /** Already placed: look the order up, never send. */
  | { readonly kind: 'done'; readonly entry: LedgerEntry }
  /** Another holder's lease is live: wait for it (`Ledger.wait`) and claim again. */
  | { readonly kind: 'held'; readonly entry: LedgerEntry }
  /** The refId was used with another fingerprint: `HuurayConflictError`, nothing sent. */
  | { readonly kind: 'conflict'; readonly entry: LedgerEntry };

/** How a holder settles its claim. */
export type Settlement =
  | { readonly state: 'done'; readonly orderUid: string }
  | { readonly state: 'refused'; readonly reason: string }
  /**
   * `since`: when the latest attempt that may have landed was made, as the holder knows it (a campaign
   * resuming a row journaled `pending` long ago gives that time; a holder that sent again gives the time
   * of its new attempt). The quarantine runs from it, so the store sets `inDoubtSince` to it; without
   * `since` the store keeps an earlier `inDoubtSince`, or takes now.
   */
  | { readonly state: 'in-doubt'; readonly reason: string; readonly since?: number | undefined };

/** Filter of `Ledger.list`. */
export interface LedgerQuery {
  readonly state?: LedgerState | readonly LedgerState[] | undefined;
  /** Only refIds starting with this (a campaign's `name-` prefix, an `issue` refId). */
  readonly refIdPrefix?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * A store of reward intents. Every method is atomic in its store: a `Map` in one process, a row lock
 * in PostgreSQL across processes.
 *
 * Claim rules, for `claim(refId, fingerprint, ...)`:
 * - no entry: a new `in-flight` entry held by `holder` until `now + leaseMs` -> `claimed`, previous `null`;
 * - same fingerprint, `done` -> `done`;
 * - same fingerprint, `in-flight` with a live lease of another holder -> `held`;
 * - same fingerprint, `in-flight` with an expired lease -> `in-doubt` (since the lease's end), then
 *   claimed with previous `in-doubt`: the new holder must reconcile by search before anything else;
 * - same fingerprint, `in-doubt` -> claimed with previous `in-doubt`, `inDoubtSince` kept;
 * - same fingerprint, `refused` -> claimed with previous `refused` (nothing was stored, so retrying is safe);
 * - another fingerprint -> `conflict`, except over `refused` (nothing was stored: the new intent replaces it).
 */
export interface Ledger {
  claim(
    refId: string,
    fingerprint: string,
    intent: RewardIntent,
    holder: string,
    leaseMs: number,
  ): Promise<ClaimResult>;
  /** Extends the holder's lease; `false` when it no longer holds the refId. */
  renew(refId: string, holder: string, leaseMs: number): Promise<boolean>;
  /** Records the holder's outcome and releases the claim; see `Settlement` for `in-doubt`'s `since`. */
  settle(refId: string, holder: string, settlement: Settlement): Promise<void>;
  /** Settles a refId found by a resolver (no holder needed): `done` when a search found the order. */
  resolve(refId: string, settlement: Settlement): Promise<void>;
  get(refId: string): Promise<LedgerEntry | null>;
  list(query?: LedgerQuery): Promise<LedgerEntry[]>;
  /**
   * Resolves when the entry may have changed (settled, or its lease ended), or after `maxWaitMs`.
   * A store without notifications polls.
   */
  wait(refId: string, maxWaitMs: number, signal?: AbortSignal): Promise<void>;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Read access to a ledger, as `huuray.ledger` gives it: settling stays with the placing workflows and resolvers. */
export type LedgerReader = Pick<Ledger, 'get' | 'list'>;
