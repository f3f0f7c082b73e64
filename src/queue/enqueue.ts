import { createHash } from 'node:crypto';
import type { CampaignParams, CampaignRow } from '../campaign/types.js';
import { HuurayConflictError } from '../core/errors/conflict-error.js';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import type { Huuray } from '../huuray.js';
import { currencyExponent } from '../money.js';
import type { SendInput } from '../workflows/send.js';
import { priceValues, type RowCost } from './costs.js';
import type { HuurayQueue } from './queue.js';
import { type RowState, scheduleRow, sendJob } from './rows.js';

/** A cap on what a campaign may spend, in minor units of `currency`. */
export interface Budget {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Options of {@link enqueueCampaign}. */
export interface EnqueueCampaignOptions {
  /** The campaign name: every row's RefID starts with it (see `parseRecipients`). */
  readonly name: string;
  /** Validated rows, from `parseRecipients`: nothing is enqueued unless the whole file was clean. */
  readonly rows: readonly CampaignRow[];
  readonly params: CampaignParams;
  /** Orders placed plus orders in doubt never exceed it. A later run may raise it to send what it held back. */
  readonly budget?: Budget | undefined;
  /** Pause the campaign while the paying balance would fall below this (minor units of that balance). */
  readonly minBalanceMinor?: number | undefined;
  /** Prices rows (catalogue discount, exchange rate and spread); needed with `budget` or `minBalanceMinor`. */
  readonly huuray?: Huuray | undefined;
}

/** What an enqueue did. */
export interface EnqueueResult {
  /** Rows given a job now (new, or sent again after a refusal or the budget held them back). */
  readonly enqueued: number;
  /** Rows already done, in flight or in doubt: left as they are. */
  readonly unchanged: number;
}

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

function rewardOf(row: CampaignRow, params: CampaignParams): SendInput {
  return {
    productToken: params.productToken,
    valueMinor: row.valueMinor,
    currency: params.currency,
    templateId: params.templateId,
    recipient: row.recipient,
    refId: row.refId,
    ...(params.message === undefined ? {} : { message: params.message }),
  };
}

function checkOptions(options: EnqueueCampaignOptions): void {
  const issues: { path: string; message: string }[] = [];
  const { budget, minBalanceMinor } = options;
  if (budget !== undefined) {
    if (!Number.isSafeInteger(budget.amountMinor) || budget.amountMinor < 0) {
      issues.push({ path: 'budget.amountMinor', message: 'must be a whole, non-negative number of minor units' });
    }
    try {
      currencyExponent(budget.currency);
    } catch {
      issues.push({ path: 'budget.currency', message: 'must be a 3-letter ISO 4217 code such as DKK' });
    }
  }
  if (minBalanceMinor !== undefined && !(Number.isSafeInteger(minBalanceMinor) && minBalanceMinor >= 0)) {
    issues.push({ path: 'minBalanceMinor', message: 'must be a whole, non-negative number of minor units' });
  }
  if ((budget !== undefined || minBalanceMinor !== undefined) && options.huuray === undefined) {
    issues.push({ path: 'huuray', message: 'is needed to price rows for a budget or a minimum balance' });
  }
  if (options.rows.length === 0) issues.push({ path: 'rows', message: 'there are no rows to enqueue' });
  if (issues.length > 0) throw new HuurayValidationError('campaign queue options', issues);
}

/**
 * Puts every row of a campaign on the queue, idempotently by refId: a row already there with the same
 * reward is left alone (or, when it was refused or held back by the budget, given a new job); a refId
 * there with another reward is `HuurayConflictError` and nothing at all is enqueued. One transaction:
 * either every row is on the queue or none is.
 */
export async function enqueueCampaign(queue: HuurayQueue, options: EnqueueCampaignOptions): Promise<EnqueueResult> {
  checkOptions(options);
  const { name, rows, params, budget } = options;
  const prices =
    options.huuray === undefined
      ? new Map<number, RowCost>()
      : await priceValues(
          options.huuray,
          params.productToken,
          params.currency,
          rows.map((r) => r.valueMinor),
          budget?.currency ?? null,
        );
  return queue.db.transaction(async (tx) => {
    const [existing] = await tx.query<{ budget_currency: string | null; reserved_minor: string }>(
      'SELECT budget_currency, reserved_minor FROM huuray_campaigns WHERE name = $1 FOR UPDATE',
      [name],
    );
    if (
      existing !== undefined &&
      budget !== undefined &&
      existing.budget_currency !== null &&
      existing.budget_currency !== budget.currency &&
      Number(existing.reserved_minor) > 0
    ) {
      throw new HuurayValidationError('campaign queue options', [
        {
          path: 'budget.currency',
          message: `the campaign's budget is in ${existing.budget_currency}, which it has spent from`,
        },
      ]);
    }
    await tx.query(
      `INSERT INTO huuray_campaigns (name, budget_minor, budget_currency, min_balance_minor) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET budget_minor = EXCLUDED.budget_minor, budget_currency = EXCLUDED.budget_currency,
         min_balance_minor = EXCLUDED.min_balance_minor, paused_reason = NULL, paused_at = NULL, updated_at = now()`,
      [name, budget?.amountMinor ?? null, budget?.currency ?? null, options.minBalanceMinor ?? null],
    );
    const rewards = rows.map((row) => ({ row, reward: rewardOf(row, params) }));
    const known = new Map(
      (
        await tx.query<{ ref_id: string; fingerprint: string; state: RowState; generation: number; campaign: string }>(
          'SELECT ref_id, fingerprint, state, generation, campaign FROM huuray_campaign_rows WHERE ref_id = ANY($1) FOR UPDATE',
          [rewards.map((r) => r.row.refId)],
        )
      ).map((r) => [r.ref_id, r]),
    );
    for (const { row, reward } of rewards) {
      const before = known.get(row.refId);
      if (before !== undefined && (before.fingerprint !== rewardFingerprint(reward) || before.campaign !== name)) {
        throw new HuurayConflictError('enqueue campaign', row.refId, [], 'it is on the queue with another reward');
      }
    }
    let enqueued = 0;
    for (const { row, reward } of rewards) {
      const price = prices.get(row.valueMinor);
      const costs = [price?.costMinor ?? null, price?.chargeMinor ?? null, price?.chargeCurrency ?? null];
      const before = known.get(row.refId);
      if (before === undefined) {
        await tx.query(
          `INSERT INTO huuray_campaign_rows (ref_id, campaign, line, reward, fingerprint, value_minor, currency,
             cost_minor, charge_minor, charge_currency, state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued')`,
          [
            row.refId,
            name,
            row.line,
            JSON.stringify(reward),
            rewardFingerprint(reward),
            row.valueMinor,
            params.currency,
            ...costs,
          ],
        );
        await sendJob(tx.client, queue.boss, { refId: row.refId, generation: 0 }, 0, queue.leaseSeconds);
        enqueued++;
      } else if (before.state === 'queued') {
        // Its job may already exist: the same id is inserted once.
        await sendJob(
          tx.client,
          queue.boss,
          { refId: row.refId, generation: before.generation },
          0,
          queue.leaseSeconds,
        );
      } else if (before.state === 'refused' || before.state === 'over-budget') {
        await tx.query(
          `UPDATE huuray_campaign_rows SET state = 'queued', reason = NULL, cost_minor = $2, charge_minor = $3,
             charge_currency = $4 WHERE ref_id = $1`,
          [row.refId, ...costs],
        );
        await scheduleRow(tx, queue.boss, row.refId, 0, queue.leaseSeconds);
        enqueued++;
      }
    }
    return { enqueued, unchanged: rows.length - enqueued };
  });
}
