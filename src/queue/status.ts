import type { HuurayQueue } from './queue.js';
import type { RowState } from './rows.js';

/** One row of a campaign on the queue, for progress and reports. Never a code or credential. */
export interface QueueRowReport {
  /** The order's RefID: `<campaign>-<key>` for campaign rows, yours for single rewards. */
  readonly refId: string;
  /** The CSV line of a campaign row; `null` for a single reward. */
  readonly line: number | null;
  /** Where the row is: queued, in flight, done, refused, in doubt or over budget. */
  readonly state: RowState;
  /** Face value in minor units of `currency`. */
  readonly valueMinor: number;
  /** ISO 4217 code of the face value. */
  readonly currency: string;
  /** The order, once done. */
  readonly orderUid: string | null;
  /** `created`, `reconciled` or `existing` when done. */
  readonly source: string | null;
  /** Why it was refused, is in doubt or was held back; never a code or credential. */
  readonly reason: string | null;
  /** ISO date-time of the first doubt, while or after it was in doubt. */
  readonly inDoubtSince: string | null;
  /** How many times a worker took the row (sends and searches). */
  readonly attempts: number;
}

/** An amount of money in one currency, over `count` orders: face value in `spent`, the charge estimate in `charged`. */
export interface SpentInCurrency {
  /** ISO 4217 code. */
  readonly currency: string;
  /** Orders counted. */
  readonly count: number;
  /** Their total, in minor units of `currency`. */
  readonly amountMinor: number;
}

/** A campaign's progress and outcomes, read from the database. */
export interface QueueCampaignStatus {
  /** The campaign (or group of single rewards). */
  readonly name: string;
  /** Rows on the queue. */
  readonly total: number;
  /** Rows per state. */
  readonly counts: Readonly<Record<RowState, number>>;
  /** Rows that will not change without a new run: done, refused or held back by the budget. */
  readonly settled: number;
  /** The cap and what is reserved of it (orders placed and in doubt); `null` without a budget. */
  readonly budget: {
    /** The cap, in minor units of `currency`. */
    readonly amountMinor: number;
    /** ISO 4217 code of the cap. */
    readonly currency: string;
    /** Reserved by orders placed and orders in doubt. */
    readonly reservedMinor: number;
  } | null;
  /** The low-balance guard's minimum, in minor units of the paying balance; `null` without one. */
  readonly minBalanceMinor: number | null;
  /** Why the campaign is paused (the low-balance guard), or `null`. */
  readonly pausedReason: string | null;
  /** Face value of the orders placed, per currency. */
  readonly spent: readonly SpentInCurrency[];
  /** What the paying balances were charged for the orders placed (estimates at enqueue time's rates). */
  readonly charged: readonly SpentInCurrency[];
  /** Every row, by CSV line. */
  readonly rows: readonly QueueRowReport[];
}

const STATES: readonly RowState[] = ['queued', 'in-flight', 'done', 'refused', 'in-doubt', 'over-budget'];

/** Reads a campaign's progress and outcomes from the queue's database; `null` when there is no such campaign. */
export async function campaignStatus(queue: HuurayQueue, name: string): Promise<QueueCampaignStatus | null> {
  const [campaign] = await queue.db.query<{
    budget_minor: string | null;
    budget_currency: string | null;
    reserved_minor: string;
    min_balance_minor: string | null;
    paused_reason: string | null;
  }>('SELECT * FROM huuray_campaigns WHERE name = $1', [name]);
  if (campaign === undefined) return null;
  const records = await queue.db.query<{
    ref_id: string;
    line: number | null;
    state: RowState;
    value_minor: string;
    currency: string;
    order_uid: string | null;
    source: string | null;
    reason: string | null;
    in_doubt_since: Date | null;
    attempts: number;
    charge_minor: string | null;
    charge_currency: string | null;
  }>('SELECT * FROM huuray_campaign_rows WHERE campaign = $1 ORDER BY line NULLS LAST, ref_id', [name]);
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<RowState, number>;
  const spent = new Map<string, SpentInCurrency>();
  const charged = new Map<string, SpentInCurrency>();
  const add = (into: Map<string, SpentInCurrency>, currency: string, minor: number) => {
    const before = into.get(currency) ?? { currency, count: 0, amountMinor: 0 };
    into.set(currency, { currency, count: before.count + 1, amountMinor: before.amountMinor + minor });
  };
  const rows = records.map((r): QueueRowReport => {
    counts[r.state]++;
    if (r.state === 'done') {
      add(spent, r.currency, Number(r.value_minor));
      if (r.charge_currency !== null && r.charge_minor !== null)
        add(charged, r.charge_currency, Number(r.charge_minor));
    }
    return {
      refId: r.ref_id,
      line: r.line,
      state: r.state,
      valueMinor: Number(r.value_minor),
      currency: r.currency,
      orderUid: r.order_uid,
      source: r.source,
      reason: r.reason,
      inDoubtSince: r.in_doubt_since === null ? null : r.in_doubt_since.toISOString(),
      attempts: r.attempts,
    };
  });
  return {
    name,
    total: rows.length,
    counts,
    settled: counts.done + counts.refused + counts['over-budget'],
    budget:
      campaign.budget_minor === null || campaign.budget_currency === null
        ? null
        : {
            amountMinor: Number(campaign.budget_minor),
            currency: campaign.budget_currency,
            reservedMinor: Number(campaign.reserved_minor),
          },
    minBalanceMinor: campaign.min_balance_minor === null ? null : Number(campaign.min_balance_minor),
    pausedReason: campaign.paused_reason,
    spent: [...spent.values()],
    charged: [...charged.values()],
    rows,
  };
}
