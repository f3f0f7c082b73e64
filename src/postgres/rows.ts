import type { LedgerEntry, LedgerState, RewardIntent } from '../ledger/types.js';

/** A row of the entries table as `pg` returns it (timestamptz as `Date`, jsonb parsed). */
export interface EntryRow {
  readonly ref_id: string;
  readonly fingerprint: string;
  readonly intent: RewardIntent;
  readonly state: LedgerState;
  readonly holder: string | null;
  readonly lease_until: Date | null;
  readonly order_uid: string | null;
  readonly reason: string | null;
  readonly in_doubt_since: Date | null;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** A row of the events table. */
export interface EventRow {
  readonly ref_id: string;
  readonly state: LedgerState;
  readonly holder: string | null;
  readonly order_uid: string | null;
  readonly reason: string | null;
  readonly at: Date;
}

/** One change of a refId's state, as the history table keeps it. */
export interface LedgerEvent {
  readonly refId: string;
  readonly state: LedgerState;
  readonly holder: string | null;
  readonly orderUid: string | null;
  readonly reason: string | null;
  /** When the state took effect (for a lease that ran out: the lease's end), ms since the epoch, database clock. */
  readonly at: number;
}

const ms = (date: Date | null): number | null => (date === null ? null : date.getTime());

export function toEntry(row: EntryRow): LedgerEntry {
  return {
    refId: row.ref_id,
    fingerprint: row.fingerprint,
    intent: row.intent,
    state: row.state,
    holder: row.holder,
    leaseUntil: ms(row.lease_until),
    orderUid: row.order_uid,
    reason: row.reason,
    inDoubtSince: ms(row.in_doubt_since),
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  };
}

export function toEvent(row: EventRow): LedgerEvent {
  return {
    refId: row.ref_id,
    state: row.state,
    holder: row.holder,
    orderUid: row.order_uid,
    reason: row.reason,
    at: row.at.getTime(),
  };
}
