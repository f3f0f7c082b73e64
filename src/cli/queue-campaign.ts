import type { CampaignParams, CampaignRow } from '../campaign/types.js';
import { amountMinor, money } from './args.js';
import type { SafetyFlags } from './confirm.js';
import type { CommandContext } from './context.js';
import { usageError } from './exit-codes.js';
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
 * `campaign run --queue`: the file is already validated, row by row. This previews the cost of the rows
 * the queue has not done yet and asks (`confirm`, the same checks as a campaign run here), then enqueues
 * them for `huuray worker`. With `--wait` it follows the campaign until every row is settled and reports.
 */
export async function runQueuedCampaign(
  ctx: CommandContext,
  name: string,
  rows: readonly CampaignRow[],
  params: CampaignParams,
  flags: QueueRunFlags,
  confirm: (toSend: readonly CampaignRow[], extra: Record<string, unknown>) => Promise<void>,
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
      if (budget !== undefined)
        out.say(`  budget cap ${money(budget.amountMinor, budget.currency)}: rows beyond it wait`);
      await confirm(toSend, { rows: rows.length, doneOnQueue: done.size, budget: budget ?? null });
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
