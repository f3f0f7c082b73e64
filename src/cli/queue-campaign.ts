import type { CampaignParams, CampaignRow } from '../campaign/types.js';
import { amountMinor, money } from './args.js';
import { confirmOrStop, type SafetyFlags } from './confirm.js';
import type { CommandContext } from './context.js';
import { usageError } from './exit-codes.js';
import { assertAffordable, type Purchase, previewSpend, printPreview } from './preview.js';
import { printQueueStatus, throwForStatus, writeQueueReportCsv } from './queue-view.js';

/** The flags of `huuray campaign run ... --queue URL`. */
export interface QueueRunFlags extends SafetyFlags {
  readonly queue: string;
  readonly budget?: string;
  readonly budgetCurrency?: string;
  readonly minBalance?: string;
  readonly wait?: boolean;
  readonly report?: string;
}

/**
 * `campaign run --queue`: the file is already validated (every row, the template); this previews the
 * cost of the rows the queue has not done yet, asks, and enqueues them for `huuray worker`. With
 * `--wait` it follows the campaign until every row is settled and prints the report.
 */
export async function runQueuedCampaign(
  ctx: CommandContext,
  name: string,
  rows: readonly CampaignRow[],
  params: CampaignParams,
  flags: QueueRunFlags,
): Promise<void> {
  const { out, huuray } = ctx;
  if ((flags.budget === undefined) !== (flags.budgetCurrency === undefined)) {
    throw usageError('--budget and --budget-currency go together');
  }
  const budget =
    flags.budget === undefined || flags.budgetCurrency === undefined
      ? undefined
      : {
          amountMinor: amountMinor(flags.budget, flags.budgetCurrency.toUpperCase(), '--budget'),
          currency: flags.budgetCurrency.toUpperCase(),
        };
  // The queue entry loads pg and pg-boss, optional peers: only this command needs them.
  const queueModule = await import('../queue/index.js');
  const queue = await queueModule.openQueue({ connectionString: flags.queue });
  try {
    const before = await queueModule.campaignStatus(queue, name);
    const done = new Set(before?.rows.filter((r) => r.state === 'done').map((r) => r.refId) ?? []);
    const toSend = rows.filter((r) => !done.has(r.refId));
    out.say(`${rows.length} row(s): ${done.size} already done on the queue, ${toSend.length} to enqueue.`);
    if (toSend.length > 0) {
      const preview = await previewSpend(huuray, purchases(params, toSend));
      printPreview(out, `Will enqueue ${toSend.length} gift card(s) (campaign ${name})`, preview);
      assertAffordable(preview);
      if (budget !== undefined)
        out.say(`  budget cap ${money(budget.amountMinor, budget.currency)}: rows beyond it wait`);
      const face = preview.map((p) => money(p.faceMinor, p.currency)).join(' + ');
      await confirmOrStop(out, flags, `enqueue ${toSend.length} gift cards for ${face}`, {
        campaign: name,
        rows: rows.length,
        toEnqueue: toSend.map((r) => r.refId),
        preview,
        budget: budget ?? null,
      });
    }
    const balances = await huuray.balances();
    // The balance that pays: the campaign currency's own, else the master balance (as the preview reckons).
    const payer = balances.find((b) => b.currency === params.currency) ?? balances.find((b) => b.master);
    const minBalanceMinor =
      flags.minBalance === undefined
        ? undefined
        : amountMinor(flags.minBalance, payer?.currency ?? params.currency, '--min-balance');
    const result = await queueModule.enqueueCampaign(queue, {
      name,
      rows,
      params,
      budget,
      minBalanceMinor,
      huuray,
    });
    out.note(
      `enqueued ${result.enqueued} row(s); ${result.unchanged} already on the queue. Workers send them: huuray worker --queue <url>`,
    );
    if (flags.wait !== true) {
      const status = await queueModule.campaignStatus(queue, name);
      if (status === null) return;
      // Without --wait the report is of the campaign as it stands now; `campaign status --report` updates it.
      if (flags.report !== undefined) writeQueueReportCsv(flags.report, status);
      out.result(status, () => printQueueStatus(out, status));
      return;
    }
    let last = '';
    for (;;) {
      const status = await queueModule.campaignStatus(queue, name);
      if (status === null) throw usageError(`campaign ${name} is not on the queue`);
      const line = `${status.counts.done}/${status.total} done, ${status.counts['in-doubt']} in doubt${status.pausedReason === null ? '' : `; ${status.pausedReason}`}`;
      if (line !== last) out.note(line);
      last = line;
      const waiting = status.counts.queued + status.counts['in-flight'] + status.counts['in-doubt'];
      if (waiting === 0) {
        if (flags.report !== undefined) writeQueueReportCsv(flags.report, status);
        out.result(status, () => printQueueStatus(out, status));
        throwForStatus(status);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await queue.close();
  }
}

function purchases(params: CampaignParams, rows: readonly CampaignRow[]): Purchase[] {
  const byValue = new Map<number, number>();
  for (const row of rows) byValue.set(row.valueMinor, (byValue.get(row.valueMinor) ?? 0) + 1);
  return [...byValue].map(([valueMinor, count]) => ({
    productToken: params.productToken,
    currency: params.currency,
    valueMinor,
    count,
  }));
}
