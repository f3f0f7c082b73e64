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
  /** The catalogue product ordered (its `productToken`). */
  readonly productToken: string;
  /** Face value of one gift card in minor units of `currency` (`5025` is 50.25 DKK). */
  readonly valueMinor: number;
  /** ISO 4217 code of the face value, upper-case (`DKK`). */
  readonly currency: string;
  /** Gift cards in this one order: 1 for `send`, up to 25 for a chunk of `issue`. */
  readonly quantity: number;
  /** `null` for codes without delivery (`issue`). */
  readonly templateId: number | null;
  /** SHA-256 (hex) of the canonical recipient list; `null` when there are none. */
  readonly recipientsDigest: string | null;
}

/** One refId's record. Times are milliseconds since the epoch. */
export interface LedgerEntry {
  /** The order's `RefID`, unique per account: the key of the entry and how a search finds the order. */
  readonly refId: string;
  /** SHA-256 (hex) of the canonical `intent`; the same refId with another fingerprint is a conflict. */
  readonly fingerprint: string;
  /** What was (or is being) ordered under this refId, as its latest claim gave it. */
  readonly intent: RewardIntent;
  /** Where the refId stands; see {@link LedgerState}. Only `done` means money was certainly spent. */
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
  /** When the refId was first claimed in this store. */
  readonly createdAt: number;
  /** When the entry last changed: a claim, a lease renewal, a settlement or a lease found to have run out. */
  readonly updatedAt: number;
}

/** The answer to a claim. Only `claimed` allows the caller to send anything. */
export type ClaimResult =
  /** The caller now holds the refId. `previous` is the state it was taken over from (`null` when new). */
  | {
      /** The caller holds the refId under a lease and is the only one that may send its order. */
      readonly kind: 'claimed';
      /** The entry as claimed: `in-flight`, held by the caller until its `leaseUntil`. */
      readonly entry: LedgerEntry;
      /**
       * The state the claim took over: `null` for a new refId, `refused` (nothing was stored, so a
       * plain retry is safe) or `in-doubt` (an earlier attempt may have landed: search by RefID first).
       */
      readonly previous: LedgerState | null;
    }
  /** Already placed: look the order up, never send. */
  | {
      /** The order exists; nothing may be sent. */
      readonly kind: 'done';
      /** The `done` entry; its `orderUid` names the order to look up. */
      readonly entry: LedgerEntry;
    }
  /** Another holder's lease is live: wait for it (`Ledger.wait`) and claim again. */
  | {
      /** Another holder is placing this refId right now; nothing may be sent. */
      readonly kind: 'held';
      /** The `in-flight` entry of the other holder; its `leaseUntil` says when its lease ends. */
      readonly entry: LedgerEntry;
    }
  /** The refId was used with another fingerprint: `HuurayConflictError`, nothing sent. */
  | {
      /** The refId is already used for a different reward; nothing may be sent. */
      readonly kind: 'conflict';
      /** The existing entry, whose `intent` is the other reward (compare it with yours to see what differs). */
      readonly entry: LedgerEntry;
    };

/** How a holder settles its claim. */
export type Settlement =
  /** The order exists. */
  | {
      /** The order was placed (by this holder, or found by a search): the entry becomes `done`. */
      readonly state: 'done';
      /** Huuray's `OrderUID` of the order, kept on the entry to check against Huuray's statement. */
      readonly orderUid: string;
    }
  /** The API refused the order before any ambiguous attempt: nothing was stored or charged. */
  | {
      /**
       * The entry becomes `refused` and the refId may be claimed again, even for another intent (a
       * PostgreSQL ledger records `in-doubt` instead if an earlier attempt of the refId was in doubt).
       */
      readonly state: 'refused';
      /** Why, for people (e.g. the API's error); never a code or credential. */
      readonly reason: string;
    }
  /** An attempt may have landed and no search has found it: the entry stays blocked for the quarantine. */
  | {
      /** The entry becomes `in-doubt`: never re-sent until the quarantine has passed and a search still finds nothing. */
      readonly state: 'in-doubt';
      /** Why the outcome is unknown (a timeout, a lost connection, a lease that ran out); never a code or credential. */
      readonly reason: string;
      /**
       * When the latest attempt that may have landed was made, in ms since the epoch, as the holder
       * knows it (a campaign resuming a row journaled `pending` long ago gives that time; a holder that
       * sent again gives the time of its new attempt). The quarantine runs from it, so the store sets
       * `inDoubtSince` to it; without `since` the store keeps an earlier `inDoubtSince`, or takes now.
       */
      readonly since?: number | undefined;
    };

/** Filter of `Ledger.list`. */
export interface LedgerQuery {
  /** Only entries in this state, or in any of these states; all states when absent. */
  readonly state?: LedgerState | readonly LedgerState[] | undefined;
  /** Only refIds starting with this (a campaign's `name-` prefix, an `issue` refId). */
  readonly refIdPrefix?: string | undefined;
  /** At most this many entries (a whole number from 1); all matching entries when absent. */
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
  /**
   * Asks to place `refId`'s order, by the claim rules above; only a `claimed` answer lets the caller send.
   * `fingerprint` is `fingerprintIntent(intent)`; `holder` names the caller uniquely (it must
   * present it again to renew and settle); `leaseMs` is how long the claim lasts without renewal.
   */
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
  /**
   * The entry of `refId`, or `null` when this store has no record of it (never claimed, or a settled
   * entry a memory store has since forgotten): `null` does not prove no order exists, search by RefID.
   */
  get(refId: string): Promise<LedgerEntry | null>;
  /** The entries matching `query` (all of them without one), e.g. `{ state: 'in-doubt' }` for money still unaccounted for. */
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
