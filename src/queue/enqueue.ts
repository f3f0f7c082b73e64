import { rowReward } from '../campaign/reward.js';
import type { CampaignParams, CampaignRow } from '../campaign/types.js';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import type { Huuray } from '../huuray.js';
import { currencyExponent } from '../money.js';
import { priceValues, type RowCost } from './costs.js';
import { putRows } from './put-rows.js';
import type { HuurayQueue } from './queue.js';

/** A cap on what a campaign may spend, in minor units of `currency`. */
export interface Budget {
  /** The cap, in minor units of `currency` (`5000000` is DKK 50,000.00). */
  readonly amountMinor: number;
  /** ISO 4217 code; row costs are converted to it at the exchange rate plus spread. */
  readonly currency: string;
}

/** Options of {@link enqueueCampaign}. */
export interface EnqueueCampaignOptions {
  /** The campaign name: every row's RefID starts with it (see `parseRecipients`). */
  readonly name: string;
  /** Validated rows, from `parseRecipients`: nothing is enqueued unless the whole file was clean. */
  readonly rows: readonly CampaignRow[];
  /** What every row shares: product, currency, default value, template, message. */
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
    const rewards = rows.map((row) => ({ line: row.line, reward: rowReward(row, params) }));
    const enqueued = await putRows(tx, queue, name, rewards, (reward) => prices.get(reward.valueMinor));
    return { enqueued, unchanged: rows.length - enqueued };
  });
}
