import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CampaignFileError, checkDelivery, parseRecipients } from '../../campaign/csv.js';
import { type JournalState, readJournal } from '../../campaign/journal.js';
import { campaignHeader, planCampaign } from '../../campaign/plan.js';
import { checkCampaignName } from '../../campaign/ref-id.js';
import { writeReportCsv } from '../../campaign/report.js';
import { runCampaign } from '../../campaign/run-campaign.js';
import type { CampaignParams, CampaignRow } from '../../campaign/types.js';
import type { Template } from '../../domain/template.js';
import { amountMinor, money as formatMinor } from '../args.js';
import { campaignExitCode, printCampaignReport } from '../campaign-report-view.js';
import { confirmOrStop } from '../confirm.js';
import { type CommandContext, withHuuray } from '../context.js';
import { CliExit, ExitCode, usageError } from '../exit-codes.js';
import { journalPathFor } from '../journal-path.js';
import { assessPlan, stopIfRefused } from '../pre-checks.js';
import { type Purchase, printPreview } from '../preview.js';
import { progressReporter } from '../progress.js';
import { runQueuedCampaign } from '../queue-campaign.js';

interface RunFlags {
  readonly name: string;
  readonly product: string;
  readonly value?: string;
  readonly currency: string;
  readonly template: number;
  readonly message?: string;
  readonly concurrency?: number;
  readonly journal?: string;
  readonly report?: string;
  readonly retryFailed?: boolean;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
  readonly queue?: string;
  readonly budget?: string;
  readonly budgetCurrency?: string;
  readonly minBalance?: string;
  readonly wait?: boolean;
}

/**
 * A journal in which every row was refused by Huuray (or that has no rows) records no order: no money
 * moved under its RefIDs, so a run with corrected parameters may start it afresh.
 */
function nothingWasOrdered(state: JournalState): boolean {
  return [...state.rows.values()].every((row) => row.latest.state === 'failed' && row.latest.definitive);
}

function readCsv(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw usageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function campaignRunAction(file: string, flags: RunFlags, command: Command): Promise<void> {
  return withHuuray(command, async (ctx) => {
    const name = checkCampaignName(flags.name);
    const params: CampaignParams = {
      productToken: flags.product,
      currency: flags.currency,
      valueMinor: flags.value === undefined ? undefined : amountMinor(flags.value, flags.currency),
      templateId: flags.template,
      ...(flags.message === undefined ? {} : { message: flags.message }),
    };
    const rows = parseRecipients(readCsv(resolve(ctx.io.cwd, file)), name, params);
    if (flags.queue !== undefined) {
      const queue = flags.queue;
      return runQueuedCampaign(ctx, name, rows, params, { ...flags, queue }, (toSend, extra) =>
        previewAndConfirm(ctx, name, params, toSend, flags, extra),
      );
    }
    const journalPath = journalPathFor(ctx.io.cwd, name, flags.journal, ctx.globals.sandbox === true);
    const { out } = ctx;
    if (ctx.globals.sandbox === true && existsSync(journalPath)) {
      // Each --sandbox command has a fresh sandbox: the orders an earlier trial journaled are gone.
      rmSync(journalPath);
      out.note(`--sandbox: starting the trial journal ${journalPath} afresh`);
    }
    let journal = readJournal(journalPath);
    if (journal.header !== null && nothingWasOrdered(journal) && differsFrom(journal, name, params, rows)) {
      const kept = `${journalPath}.refused-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(journalPath, kept);
      out.note(`every row of the earlier run was refused before any order; its journal is kept as ${kept}`);
      journal = readJournal(journalPath);
    }
    const plan = planCampaign(rows, journal, campaignHeader(name, params), flags.retryFailed);
    out.say(
      `${rows.length} row(s): ${plan.done.length} already done, ${plan.failed.length} refused earlier${plan.failed.length > 0 ? ' (--retry-failed to send them)' : ''}, ${plan.toSend.length} to send. Journal ${journalPath}`,
    );
    if (plan.toSend.length > 0) {
      await previewAndConfirm(ctx, name, params, plan.toSend, flags, {
        rows: rows.length,
        done: plan.done.length,
        refusedEarlier: plan.failed.length,
      });
    }
    await execute(ctx, name, rows, params, journalPath, flags);
  });
}

/**
 * Asks the API only now (a file that is bad in itself is refused without a single request): previews
 * the cost of `toSend`, refuses what Huuray would refuse, and asks before anything is sent or enqueued.
 */
async function previewAndConfirm(
  ctx: CommandContext,
  name: string,
  params: CampaignParams,
  toSend: readonly CampaignRow[],
  flags: RunFlags,
  extra: Record<string, unknown>,
): Promise<void> {
  const { out } = ctx;
  const assessment = await assessPlan(ctx.huuray, {
    purchases: purchases(params, toSend),
    delivery: { templateId: params.templateId, recipients: [] },
  });
  assessment.refusals.push(...rowRefusals(assessment.template, toSend));
  const verb = flags.queue === undefined ? 'send' : 'enqueue';
  printPreview(out, `Will ${verb} ${toSend.length} gift card(s) (campaign ${name})`, assessment.preview);
  const face = assessment.preview.map((p) => formatMinor(p.faceMinor, p.currency)).join(' + ');
  const action = `${verb} ${toSend.length} gift cards for ${face}`;
  const summary = {
    campaign: name,
    ...extra,
    toSend: toSend.map((r) => r.refId),
    preview: assessment.preview,
    refusals: assessment.refusals,
  };
  stopIfRefused(out, flags, action, assessment, summary);
  await confirmOrStop(ctx.io, out, flags, action, summary);
}

function differsFrom(
  journal: JournalState,
  name: string,
  params: CampaignParams,
  rows: readonly CampaignRow[],
): boolean {
  const now = campaignHeader(name, params);
  const was = journal.header;
  if (was === null) return false;
  const headerDiffers =
    was.productToken !== now.productToken ||
    was.currency !== now.currency ||
    was.valueMinor !== now.valueMinor ||
    was.templateId !== now.templateId;
  return (
    headerDiffers || rows.some((row) => (journal.rows.get(row.refId)?.valueMinor ?? row.valueMinor) !== row.valueMinor)
  );
}

/**
 * The rows the template cannot reach (an SMS template needs a phone, an email one an email), by line;
 * each value's refusals name their rows through `purchases`.
 */
function rowRefusals(template: Template | undefined, rows: readonly CampaignRow[]): string[] {
  if (template === undefined) return [];
  try {
    checkDelivery(rows, template.type?.toLowerCase() === 'sms' ? 'sms' : 'email');
    return [];
  } catch (error) {
    if (!(error instanceof CampaignFileError)) throw error;
    return error.problems.map((p) => `${p.line === null ? '' : `line ${p.line}: `}${p.message}`);
  }
}

function purchases(params: CampaignParams, rows: readonly CampaignRow[]): Purchase[] {
  const byValue = new Map<number, CampaignRow[]>();
  for (const row of rows) byValue.set(row.valueMinor, [...(byValue.get(row.valueMinor) ?? []), row]);
  return [...byValue].map(([valueMinor, group]) => ({
    productToken: params.productToken,
    currency: params.currency,
    valueMinor,
    count: group.length,
    rows: rowList(group),
  }));
}

/** `line 2 (ada@example.com), line 3 (...)`, the first few, so a refusal says which rows to fix. */
function rowList(rows: readonly CampaignRow[]): string {
  const shown = rows
    .slice(0, 5)
    .map((r) => `line ${r.line} (${r.recipient.email ?? r.recipient.phone ?? r.refId})`)
    .join(', ');
  return rows.length > 5 ? `${shown} and ${rows.length - 5} more` : shown;
}

async function execute(
  { huuray, out, io }: CommandContext,
  name: string,
  rows: CampaignRow[],
  params: CampaignParams,
  journalPath: string,
  flags: RunFlags,
): Promise<void> {
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) {
      // Second Ctrl-C: no order leaves before its row's record is on disk, so leaving now keeps the journal resumable.
      out.note('stopped at once; run the same command again to resume');
      io.exitNow?.(ExitCode.interrupted);
      return;
    }
    stop.abort();
    out.note('\nstopping after the requests in flight (Ctrl-C again to quit at once)...');
  };
  process.on('SIGINT', onSigint);
  let progress: ReturnType<typeof progressReporter> | null = null;
  try {
    const result = await runCampaign(huuray, {
      name,
      rows,
      params,
      journalPath,
      concurrency: flags.concurrency,
      retryFailed: flags.retryFailed,
      signal: stop.signal,
      onProgress: (p) => {
        progress ??= progressReporter(out, p.total, io.stderr);
        progress.update(p);
      },
    });
    (progress as ReturnType<typeof progressReporter> | null)?.stop();
    if (flags.report !== undefined) writeReportCsv(resolve(io.cwd, flags.report), result);
    out.result(result, () => printCampaignReport(out, result));
    if (result.stopped) {
      throw new CliExit(ExitCode.interrupted, 'interrupted; run the same command again to resume from the journal');
    }
    const code = campaignExitCode(result);
    if (code === ExitCode.unknown) {
      throw new CliExit(code, 'some outcomes are unknown; run the same command again to reconcile them by RefID');
    }
    if (code !== ExitCode.ok) throw new CliExit(code, 'some rows were not sent; see the report');
  } finally {
    process.off('SIGINT', onSigint);
  }
}
