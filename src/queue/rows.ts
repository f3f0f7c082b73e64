import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { SendInput } from '../workflows/send.js';
import type { Query } from './db.js';
import { jobId, REWARD_JOBS } from './queue.js';

/**
 * A reward row's state, the truth every worker acts on:
 * - `queued`: waiting for a worker; `in-flight`: a worker holds it under a lease and may be sending;
 * - `done`: the order exists (`orderUid`); `refused`: the API refused it definitively, nothing stored;
 * - `in-doubt`: an attempt may have been stored; only a search settles it, and nothing is sent again
 *   until it has been in doubt for the quarantine;
 * - `over-budget`: not sent because the campaign's budget was reached; a run with a larger budget sends it.
 */
export type RowState = 'queued' | 'in-flight' | 'done' | 'refused' | 'in-doubt' | 'over-budget';

/** The job's payload: which row to look at, and which generation of its jobs this is. */
export interface RewardJob {
  readonly refId: string;
  readonly generation: number;
}

/** A row as stored (bigints arrive as strings from `pg`). */
export interface RowRecord {
  readonly ref_id: string;
  readonly campaign: string;
  readonly line: number | null;
  readonly reward: SendInput;
  readonly fingerprint: string;
  readonly value_minor: string;
  readonly currency: string;
  readonly cost_minor: string | null;
  readonly charge_minor: string | null;
  readonly charge_currency: string | null;
  readonly state: RowState;
  readonly generation: number;
  readonly reserved: boolean;
  readonly holder: string | null;
  readonly lease_until: Date | null;
  readonly in_doubt_since: Date | null;
  readonly order_uid: string | null;
  readonly source: string | null;
  readonly reason: string | null;
  readonly attempts: number;
  readonly updated_at: Date;
}

/** pg-boss's `db` option bound to a transaction's connection, so the job commits with the row. */
export function inTransaction(client: pg.PoolClient): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) };
}

/**
 * Gives the row a new generation and a job for it that starts after `delaySeconds`, in the caller's
 * transaction. Jobs of earlier generations find the generation changed and do nothing.
 */
export async function scheduleRow(
  tx: { readonly query: Query; readonly client: pg.PoolClient },
  boss: PgBoss,
  refId: string,
  delaySeconds: number,
  leaseSeconds: number,
): Promise<void> {
  const [row] = await tx.query<{ generation: number }>(
    'UPDATE huuray_campaign_rows SET generation = generation + 1, updated_at = now() WHERE ref_id = $1 RETURNING generation',
    [refId],
  );
  if (row === undefined) return;
  await sendJob(tx.client, boss, { refId, generation: row.generation }, delaySeconds, leaseSeconds);
}

/** Inserts the job of `job` (idempotent: the id is derived from refId and generation). */
export async function sendJob(
  client: pg.PoolClient,
  boss: PgBoss,
  job: RewardJob,
  delaySeconds: number,
  leaseSeconds: number,
): Promise<void> {
  const startAfter = Math.max(0, Math.ceil(delaySeconds * 1000) / 1000);
  await boss.send(
    REWARD_JOBS,
    { ...job },
    {
      id: jobId(job.refId, job.generation),
      db: inTransaction(client),
      // pg-boss hands the job to another worker when this lease ends without an answer (a crashed worker).
      expireInSeconds: leaseSeconds,
      ...(startAfter > 0 ? { startAfter } : {}),
    },
  );
}
