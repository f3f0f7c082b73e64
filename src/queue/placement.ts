import type { HuurayQueue } from './queue.js';
import { type RewardJob, type RowRecord, scheduleRow } from './rows.js';

/** What a worker may do with a job's row, decided under the row's lock. */
export type Decision =
  | { readonly kind: 'skip'; readonly why: string }
  /** In doubt and inside the quarantine: search only, never send. */
  | { readonly kind: 'search'; readonly row: RowRecord }
  /**
   * Send (which searches first): a queued row, or one in doubt past the quarantine; `priorAttemptAt`
   * (ms) is the last moment an earlier attempt may have been sent, for the ledger behind `send`.
   */
  | {
      readonly kind: 'send';
      readonly row: RowRecord;
      readonly previous: 'queued' | 'in-doubt';
      readonly priorAttemptAt?: number;
    };

/** How long an in-doubt row waits before a re-send, and how often it is searched meanwhile. */
export interface DoubtTiming {
  readonly quarantineMs: number;
  readonly recheckMs: number;
}

type Locked = RowRecord & {
  readonly budget_minor: string | null;
  readonly budget_currency: string | null;
  readonly reserved_minor: string;
  readonly lease_left_ms: number | null;
  readonly doubt_age_ms: number | null;
  readonly doubt_basis_ms: string | null;
};

/**
 * Takes the job's row for this worker when there is something to do, atomically: the row lock makes
 * two workers' decisions on one refId run one after the other. For a queued row of a campaign with a
 * budget, the row's cost is reserved in the same transaction, or the row is held back `over-budget`:
 * orders placed plus orders in doubt can never exceed the budget.
 */
export async function decide(
  queue: HuurayQueue,
  job: RewardJob,
  holder: string,
  timing: DoubtTiming,
): Promise<Decision> {
  return queue.db.transaction(async (tx) => {
    const [row] = await tx.query<Locked>(
      `SELECT r.*, c.budget_minor, c.budget_currency, c.reserved_minor,
              EXTRACT(EPOCH FROM (r.lease_until - now())) * 1000 AS lease_left_ms,
              EXTRACT(EPOCH FROM (now() - CASE WHEN r.state = 'in-flight' THEN r.lease_until
                                               ELSE COALESCE(r.doubt_from, r.in_doubt_since) END)) * 1000 AS doubt_age_ms,
              (EXTRACT(EPOCH FROM CASE WHEN r.state = 'in-flight' THEN r.lease_until
                                  ELSE COALESCE(r.doubt_from, r.in_doubt_since) END) * 1000)::bigint AS doubt_basis_ms
       FROM huuray_campaign_rows r JOIN huuray_campaigns c ON c.name = r.campaign
       WHERE r.ref_id = $1 FOR UPDATE OF r`,
      [job.refId],
    );
    if (row === undefined) return { kind: 'skip', why: 'no such row' };
    if (row.generation !== job.generation) return { kind: 'skip', why: 'a newer job has the row' };
    let state = row.state;
    if (state === 'in-flight') {
      const leaseLeft = Number(row.lease_left_ms ?? 0);
      if (leaseLeft > 0) {
        // Another worker holds it (or this job outlived pg-boss's expiry): look again when its lease ends.
        await scheduleRow(tx, queue.boss, row.ref_id, leaseLeft / 1000 + 0.5, queue.leaseSeconds);
        return { kind: 'skip', why: 'held by another worker' };
      }
      // Its holder died mid-order: the order may have been stored, so it is in doubt since the lease ended.
      state = 'in-doubt';
    }
    if (state === 'in-doubt') {
      const age = Number(row.doubt_age_ms ?? 0);
      await take(tx.query, row.ref_id, holder, queue.leaseSeconds, true);
      const basis = row.doubt_basis_ms === null ? undefined : Number(row.doubt_basis_ms);
      return age >= timing.quarantineMs
        ? { kind: 'send', row, previous: 'in-doubt', ...(basis === undefined ? {} : { priorAttemptAt: basis }) }
        : { kind: 'search', row };
    }
    if (state !== 'queued') return { kind: 'skip', why: `already ${state}` };
    if (row.budget_minor !== null && !row.reserved) {
      const cost = Number(row.cost_minor ?? row.value_minor);
      const reserved = await tx.query(
        `UPDATE huuray_campaigns SET reserved_minor = reserved_minor + $2, updated_at = now()
         WHERE name = $1 AND reserved_minor + $2 <= budget_minor RETURNING 1`,
        [row.campaign, cost],
      );
      if (reserved.length === 0) {
        await tx.query(
          `UPDATE huuray_campaign_rows SET state = 'over-budget', updated_at = now(),
             reason = $2 WHERE ref_id = $1`,
          [
            row.ref_id,
            `the budget of ${row.budget_minor} minor units ${row.budget_currency ?? ''} would be exceeded (${row.reserved_minor} reserved, this row costs ${cost})`,
          ],
        );
        return { kind: 'skip', why: 'over budget' };
      }
      await tx.query('UPDATE huuray_campaign_rows SET reserved = true WHERE ref_id = $1', [row.ref_id]);
    }
    await take(tx.query, row.ref_id, holder, queue.leaseSeconds, false);
    return { kind: 'send', row, previous: 'queued' };
  });
}

async function take(
  query: HuurayQueue['db']['query'],
  refId: string,
  holder: string,
  leaseSeconds: number,
  inDoubt: boolean,
): Promise<void> {
  await query(
    `UPDATE huuray_campaign_rows SET state = 'in-flight', holder = $2, lease_until = now() + $3 * interval '1 second',
       in_doubt_since = ${inDoubt ? 'COALESCE(in_doubt_since, lease_until, now())' : 'in_doubt_since'},
       -- A holder whose lease ran out may have sent right up to its end: the quarantine counts from there.
       doubt_from = ${inDoubt ? "CASE WHEN state = 'in-flight' THEN lease_until ELSE COALESCE(doubt_from, in_doubt_since) END" : 'doubt_from'},
       attempts = attempts + 1, updated_at = now()
     WHERE ref_id = $1`,
    [refId, holder, leaseSeconds],
  );
}

/** Extends the holder's lease while it works; `false` when it no longer holds the row. */
export async function renewLease(queue: HuurayQueue, refId: string, holder: string): Promise<boolean> {
  const rows = await queue.db.query(
    `UPDATE huuray_campaign_rows SET lease_until = now() + $3 * interval '1 second'
     WHERE ref_id = $1 AND holder = $2 AND state = 'in-flight' RETURNING 1`,
    [refId, holder, queue.leaseSeconds],
  );
  return rows.length > 0;
}

/** The order exists. Recorded whoever holds the row: an order that exists is a fact. */
export async function settleDone(queue: HuurayQueue, refId: string, orderUid: string, source: string): Promise<void> {
  await queue.db.query(
    `UPDATE huuray_campaign_rows SET state = 'done', order_uid = $2, source = $3, holder = NULL, lease_until = NULL,
       reason = NULL, updated_at = now()
     WHERE ref_id = $1 AND state <> 'done'`,
    [refId, orderUid, source],
  );
}

/** The API refused it, nothing was stored: its budget reservation is given back. */
export async function settleRefused(queue: HuurayQueue, refId: string, holder: string, reason: string): Promise<void> {
  await queue.db.transaction(async (tx) => {
    const [row] = await tx.query<{
      campaign: string;
      reserved: boolean;
      cost_minor: string | null;
      value_minor: string;
    }>(
      `UPDATE huuray_campaign_rows r SET state = 'refused', reason = $3, holder = NULL, lease_until = NULL,
         reserved = false, updated_at = now()
       FROM huuray_campaign_rows old WHERE r.ref_id = $1 AND r.holder = $2 AND old.ref_id = r.ref_id
       RETURNING r.campaign, old.reserved, r.cost_minor, r.value_minor`,
      [refId, holder, reason],
    );
    if (row?.reserved === true) {
      await tx.query('UPDATE huuray_campaigns SET reserved_minor = reserved_minor - $2 WHERE name = $1', [
        row.campaign,
        Number(row.cost_minor ?? row.value_minor),
      ]);
    }
  });
}

/**
 * The outcome is unknown: in doubt (since the first time it was, for reports), searched again after
 * `recheckMs` or when the quarantine ends, whichever is first. The quarantine counts from the last
 * moment an order may have been sent (`mayHaveSent`: this holder tried to send). The budget stays reserved.
 */
export async function settleInDoubt(
  queue: HuurayQueue,
  refId: string,
  holder: string,
  reason: string,
  timing: DoubtTiming,
  mayHaveSent: boolean,
): Promise<void> {
  await queue.db.transaction(async (tx) => {
    // After a send, the quarantine starts again now: that attempt may land as late as any other.
    // After a search only, it goes on from where it was.
    const [row] = await tx.query<{ left_ms: number }>(
      `UPDATE huuray_campaign_rows SET state = 'in-doubt', reason = $3, holder = NULL, lease_until = NULL,
         in_doubt_since = COALESCE(in_doubt_since, now()),
         doubt_from = ${mayHaveSent ? 'now()' : 'COALESCE(doubt_from, in_doubt_since, now())'}, updated_at = now()
       WHERE ref_id = $1 AND holder = $2
       RETURNING $4 - EXTRACT(EPOCH FROM (now() - doubt_from)) * 1000 AS left_ms`,
      [refId, holder, reason, timing.quarantineMs],
    );
    if (row === undefined) return;
    const waitMs = Math.max(0, Math.min(timing.recheckMs, Number(row.left_ms)));
    await scheduleRow(tx, queue.boss, refId, waitMs / 1000, queue.leaseSeconds);
  });
}

/** Nothing happened (a 429, a pause): the row goes back to what it was and is looked at again later. */
export async function release(
  queue: HuurayQueue,
  refId: string,
  holder: string,
  previous: 'queued' | 'in-doubt',
  reason: string,
  delayMs: number,
): Promise<void> {
  await queue.db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE huuray_campaign_rows SET state = $3, reason = $4, holder = NULL, lease_until = NULL, updated_at = now()
       WHERE ref_id = $1 AND holder = $2 RETURNING 1`,
      [refId, holder, previous, reason],
    );
    if (rows.length > 0) await scheduleRow(tx, queue.boss, refId, delayMs / 1000, queue.leaseSeconds);
  });
}
