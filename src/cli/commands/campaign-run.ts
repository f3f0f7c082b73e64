import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkDelivery, parseRecipients } from '../../campaign/csv.js';
import { readJournal } from '../../campaign/journal.js';
import { campaignHeader, planCampaign } from '../../campaign/plan.js';
import { checkCampaignName } from '../../campaign/ref-id.js';
import { writeReportCsv } from '../../campaign/report.js';
import { runCampaign } from '../../campaign/run-campaign.js';
import type { CampaignParams, CampaignRow } from '../../campaign/types.js';
import { amountMinor, examples, money as formatMinor, positiveInt } from '../args.js';
import { campaignExitCode, printCampaignReport } from '../campaign-report-view.js';
import { confirmOrStop } from '../confirm.js';
import { type CommandContext, withHuuray } from '../context.js';
import { CliExit, ExitCode, usageError } from '../exit-codes.js';
import { assertAffordable, type Purchase, previewSpend, printPreview } from '../preview.js';
import { progressReporter } from '../progress.js';
import { runQueuedCampaign } from '../queue-campaign.js';
import { withSafetyOptions } from '../safety-options.js';

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

/** `.huuray/<name>.jsonl` under the current directory unless `--journal` says otherwise. */
export function journalPathFor(name: string, journal: string | undefined): string {
  return resolve(journal ?? `.huuray/${checkCampaignName(name)}.jsonl`);
}

function readCsv(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw usageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function campaignRunCommand(campaign: Command): void {
  withSafetyOptions(
    campaign
      .command('run <file>')
      .description('send one gift card per CSV row (name,email[,phone][,refId][,value]); re-run to resume')
      .requiredOption('--name <name>', 'campaign name; prefixes every RefID and names the journal')
      .requiredOption('--product <token>', 'product token from `huuray catalogue`')
      .option('--value <amount>', 'face value of rows without a value column, e.g. 50.00')
      .requiredOption('--currency <code>', 'currency, e.g. DKK')
      .requiredOption('--template <id>', 'delivery template id from `huuray templates`', positiveInt)
      .option('--message <text>', 'personal message for every gift card')
      .option('--concurrency <n>', 'orders in flight at once, 1-32 (default 4)', positiveInt)
      .option('--journal <path>', 'journal file (default .huuray/<name>.jsonl)')
      .option('--report <file.csv>', 'write the per-row report as CSV')
      .option('--retry-failed', 'also send rows an earlier run saw refused (4xx)')
      .option('--queue <postgres-url>', 'enqueue the rows in PostgreSQL for `huuray worker` instead of sending here')
      .option('--budget <amount>', 'with --queue: the most the campaign may spend (placed plus in doubt)')
      .option('--budget-currency <code>', 'with --queue: the currency of --budget')
      .option('--min-balance <amount>', 'with --queue: pause while the paying balance would fall below this')
      .option('--wait', 'with --queue: follow the campaign until every row is settled, then report'),
  )
    .addHelpText(
      'after',
      examples(
        'huuray campaign run recipients.csv --name q4-thanks --product prod_abc --value 50.00 --currency DKK --template 12 --dry-run',
        'huuray campaign run recipients.csv --name q4-thanks --product prod_abc --value 50.00 --currency DKK --template 12 --concurrency 8 --yes --report q4.csv',
      ) +
        '\nThe journal records each row before and after its order. Run the same command again after a crash or Ctrl-C:\n' +
        'rows done are skipped and rows that were in flight are looked up by RefID before anything is sent again.\n',
    )
    .action((file: string, flags: RunFlags, command: Command) =>
      withHuuray(command, async (ctx) => {
        const name = checkCampaignName(flags.name);
        const params: CampaignParams = {
          productToken: flags.product,
          currency: flags.currency.toUpperCase(),
          valueMinor: flags.value === undefined ? undefined : amountMinor(flags.value, flags.currency),
          templateId: flags.template,
          ...(flags.message === undefined ? {} : { message: flags.message }),
        };
        const rows = parseRecipients(readCsv(file), name, params);
        // Only now ask the API: a file that is bad in itself is refused without a single request.
        const template = (await ctx.huuray.templates()).find((t) => t.id === params.templateId);
        if (template === undefined) {
          throw new CliExit(
            ExitCode.usage,
            `template ${params.templateId} is not an email or SMS template of this account (see huuray templates)`,
          );
        }
        checkDelivery(rows, template.type?.toLowerCase() === 'sms' ? 'sms' : 'email');
        if (flags.queue !== undefined)
          return runQueuedCampaign(ctx, name, rows, params, { ...flags, queue: flags.queue });
        const journalPath = journalPathFor(name, flags.journal);
        const plan = planCampaign(rows, readJournal(journalPath), campaignHeader(name, params), flags.retryFailed);
        const { out } = ctx;
        out.say(
          `${rows.length} row(s): ${plan.done.length} already done, ${plan.failed.length} refused earlier${plan.failed.length > 0 ? ' (--retry-failed to send them)' : ''}, ${plan.toSend.length} to send. Journal ${journalPath}`,
        );
        if (plan.toSend.length > 0) {
          const preview = await previewSpend(ctx.huuray, purchases(params, plan.toSend));
          printPreview(out, `Will send ${plan.toSend.length} gift card(s) (campaign ${name})`, preview);
          assertAffordable(preview);
          const face = preview.map((p) => formatMinor(p.faceMinor, p.currency)).join(' + ');
          await confirmOrStop(out, flags, `send ${plan.toSend.length} gift cards for ${face}`, {
            campaign: name,
            rows: rows.length,
            done: plan.done.length,
            refusedEarlier: plan.failed.length,
            toSend: plan.toSend.map((r) => r.refId),
            preview,
          });
        }
        await execute(ctx, name, rows, params, journalPath, flags);
      }),
    );
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

async function execute(
  { huuray, out }: CommandContext,
  name: string,
  rows: CampaignRow[],
  params: CampaignParams,
  journalPath: string,
  flags: RunFlags,
): Promise<void> {
  const stop = new AbortController();
  const onSigint = () => {
    if (stop.signal.aborted) {
      // Second Ctrl-C: every record so far is fsync'd, so leaving now keeps the journal resumable.
      out.note('stopped at once; run the same command again to resume');
      process.exit(ExitCode.interrupted);
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
        progress ??= progressReporter(out, p.total);
        progress.update(p);
      },
    });
    (progress as ReturnType<typeof progressReporter> | null)?.stop();
    if (flags.report !== undefined) writeReportCsv(flags.report, result);
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
