import { createHash } from 'node:crypto';
import type pg from 'pg';
import { HuurayConflictError } from '../core/errors/conflict-error.js';
import type { SendInput } from '../workflows/send.js';
import type { RowCost } from './costs.js';
import type { Query } from './db.js';
import type { HuurayQueue } from './queue.js';
import { type RowState, scheduleRow, sendJob } from './rows.js';

/** SHA-256 of what is ordered, recipient included, so a refId reused for another reward is caught. */
export function rewardFingerprint(reward: SendInput): string {
  const r = reward.recipient;
  const canonical = JSON.stringify([
    reward.productToken,
    reward.valueMinor,
    reward.currency,
    reward.templateId,
    r.name ?? null,
    r.email ?? null,
    r.phone ?? null,
    reward.message ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Puts rewards of campaign `name` on the queue in the caller's transaction (the campaign row must
 * exist), idempotently by refId: a new refId gets a row and a job; a queued one keeps its job (the
 * same job id inserts once); a refused or over-budget one is queued again with a new job; one done,
 * in flight or in doubt is left alone. A refId already there with another reward, or in another
 * campaign, is `HuurayConflictError` before anything is written. Returns how many were given a job.
 */
export async function putRows(
  tx: { readonly query: Query; readonly client: pg.PoolClient },
  queue: HuurayQueue,
  name: string,
  rewards: readonly { readonly line: number | null; readonly reward: SendInput }[],
  priceOf: (reward: SendInput) => RowCost | undefined,
): Promise<number> {
  const known = new Map(
    (
      await tx.query<{ ref_id: string; fingerprint: string; state: RowState; generation: number; campaign: string }>(
        'SELECT ref_id, fingerprint, state, generation, campaign FROM huuray_campaign_rows WHERE ref_id = ANY($1) FOR UPDATE',
        [rewards.map((r) => r.reward.refId)],
      )
    ).map((r) => [r.ref_id, r]),
  );
  for (const { reward } of rewards) {
    const before = known.get(reward.refId);
    if (before !== undefined && (before.fingerprint !== rewardFingerprint(reward) || before.campaign !== name)) {
      throw new HuurayConflictError(
        'enqueue',
        reward.refId,
        [],
        before.campaign === name
          ? 'it is on the queue with another reward'
          : `it is on the queue in campaign ${before.campaign}`,
      );
    }
  }
  let enqueued = 0;
  for (const { line, reward } of rewards) {
    const price = priceOf(reward);
    const costs = [price?.costMinor ?? null, price?.chargeMinor ?? null, price?.chargeCurrency ?? null];
    const before = known.get(reward.refId);
    if (before === undefined) {
      await tx.query(
        `INSERT INTO huuray_campaign_rows (ref_id, campaign, line, reward, fingerprint, value_minor, currency,
           cost_minor, charge_minor, charge_currency, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued')`,
        [
          reward.refId,
          name,
          line,
          JSON.stringify(reward),
          rewardFingerprint(reward),
          reward.valueMinor,
          reward.currency,
          ...costs,
        ],
      );
      await sendJob(tx.client, queue.boss, { refId: reward.refId, generation: 0 }, 0, queue.leaseSeconds);
      enqueued++;
    } else if (before.state === 'queued') {
      await sendJob(
        tx.client,
        queue.boss,
        { refId: reward.refId, generation: before.generation },
        0,
        queue.leaseSeconds,
      );
    } else if (before.state === 'refused' || before.state === 'over-budget') {
      await tx.query(
        `UPDATE huuray_campaign_rows SET state = 'queued', reason = NULL, cost_minor = $2, charge_minor = $3,
           charge_currency = $4 WHERE ref_id = $1`,
        [reward.refId, ...costs],
      );
      await scheduleRow(tx, queue.boss, reward.refId, 0, queue.leaseSeconds);
      enqueued++;
    }
  }
  return enqueued;
}
