import type { Huuray } from '../huuray.js';
import { parseInput } from '../inputs/parse.js';
import { DEFAULT_CONCURRENCY } from '../options/defaults.js';
import { concurrencySchema } from '../options/schemas.js';
import type { SendOptions } from '../workflows/send.js';
import { Journal, type JournalState, readJournal } from './journal.js';
import type { RowEntry } from './journal-records.js';
import { lockJournal } from './lock.js';
import { failureEntry } from './outcome.js';
import { campaignHeader, planCampaign } from './plan.js';
import { checkCampaignName } from './ref-id.js';
import { type CampaignReport, campaignReport } from './report.js';
import { rowReward } from './reward.js';
import type { CampaignParams, CampaignRow } from './types.js';

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  /** The campaign's name; every row's RefID starts with it. Letters, digits, `.`, `_`, `-`. */
  readonly name: string;
  /** Validated rows, e.g. from `parseRecipients`. */
  readonly rows: readonly CampaignRow[];
  /** Product, currency, default value, template and message of every row. */
  readonly params: CampaignParams;
  /** The journal file (JSON lines); created with its directory if absent, resumed if present. */
  readonly journalPath: string;
  /** Rows in flight at once, 1-32 (default 4); anything else is a `HuurayValidationError`. */
  readonly concurrency?: number | undefined;
  /** Also send rows an earlier run saw refused definitively (4xx). */
  readonly retryFailed?: boolean | undefined;
  /**
   * When aborted, no further row is started; rows in flight finish and are journaled, and the result
   * has `stopped: true`. Requests in flight are never aborted: that would make their outcome unknown.
   */
  readonly signal?: AbortSignal | undefined;
  /** Called after each row of this run; must not throw. */
  readonly onProgress?: ((progress: CampaignProgress) => void) | undefined;
  /** Passed to every `huuray.send` (timeouts, reconciliation). */
  readonly sendOptions?: SendOptions | undefined;
}

/** One finished row of a run, and how far the run is. */
export interface CampaignProgress {
  /** The row just handled. */
  readonly row: CampaignRow;
  /** What was recorded for it. */
  readonly entry: RowEntry;
  /** Rows finished in this run, this one included. */
  readonly completed: number;
  /** Rows this run set out to send. */
  readonly total: number;
}

/** What a run did, and the state of every row of the campaign after it. */
export interface CampaignResult extends CampaignReport {
  /** Rows sent (or reconciled) by this run. */
  readonly attempted: number;
  /** The run was stopped by its signal before every row was started. */
  readonly stopped: boolean;
}

/**
 * Sends one gift card per row, exactly once per row across any number of runs and crashes.
 *
 * Each row's RefID is derived from the campaign name and the row's key. Before a row's order is sent,
 * a `pending` record is written to the journal and synced to disk; after, `done`, `failed` or `unknown`.
 * Records of rows in flight at once share one write and sync (group commit). A
 * re-run with the same journal resumes: `done` rows are skipped, and every other row goes through
 * `huuray.send` and so through the instance's ledger. A row that was in flight when a process died (or
 * ended `unknown`) is treated as an ambiguous attempt made at its `pending` time: searched through the
 * settle window and sent again only past the quarantine. A found order that differs from the row is a
 * per-row `HuurayConflictError`. Rows refused definitively (4xx, conflict) are retried only with
 * `retryFailed`. The journal pins product, currency, value and template, and a run with different ones
 * is refused before anything is sent; a second run of one journal, in this process or another, is refused.
 *
 * @example
 * const rows = parseRecipients(readFileSync('recipients.csv'), 'q4-thanks', params);
 * const result = await runCampaign(huuray, {
 *   name: 'q4-thanks', rows, params, journalPath: '.huuray/q4-thanks.jsonl', concurrency: 8,
 *   onProgress: (p) => console.log(`${p.completed}/${p.total}`),
 * });
 * if (result.counts.unknown > 0) console.log('some outcomes are unknown: run again to reconcile them');
 */
export async function runCampaign(huuray: Huuray, options: CampaignOptions): Promise<CampaignResult> {
  const name = checkCampaignName(options.name);
  const concurrency =
    parseInput(concurrencySchema.optional(), options.concurrency, 'campaign concurrency') ?? DEFAULT_CONCURRENCY;
  const header = campaignHeader(name, options.params);
  const release = lockJournal(options.journalPath);
  let attempted = 0;
  let stopped = false;
  try {
    // Plan against the journal before opening it, so a refused resume leaves the file untouched.
    const before = readJournal(options.journalPath);
    const plan = planCampaign(options.rows, before, header, options.retryFailed);
    const { journal } = Journal.open(options.journalPath, header);
    try {
      let next = 0;
      let fatal: { error: unknown } | null = null;
      const worker = async () => {
        while (next < plan.toSend.length && fatal === null) {
          if (options.signal?.aborted) {
            stopped = true;
            return;
          }
          const row = plan.toSend[next++] as CampaignRow;
          try {
            // On disk before the order leaves: a crash from here on is reconciled, never sent blindly again.
            await journal.append({ state: 'pending', refId: row.refId, line: row.line, valueMinor: row.valueMinor });
            const entry = await sendRow(huuray, row, options, priorAttemptAt(before, row.refId));
            await journal.append(entry);
            attempted++;
            options.onProgress?.({ row, entry, completed: attempted, total: plan.toSend.length });
          } catch (error) {
            // Only the journal (disk) or onProgress can throw here; stop before sending unjournaled rows.
            fatal = { error };
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, plan.toSend.length)) }, worker));
      if (fatal !== null) throw (fatal as { error: unknown }).error;
    } finally {
      await journal.close();
    }
  } finally {
    release();
  }
  const report = campaignReport(readJournal(options.journalPath), options.rows);
  return { ...report, attempted, stopped };
}

/**
 * When an earlier run may have sent this row's order: its journal says `pending` (the run died with the
 * order in flight) or `unknown`. The row then gets the full reconciliation of an ambiguous attempt, and is
 * never sent again before the quarantine after that moment.
 */
function priorAttemptAt(state: JournalState, refId: string): number | undefined {
  const row = state.rows.get(refId);
  if (row === undefined || (row.latest.state !== 'pending' && row.latest.state !== 'unknown')) return undefined;
  return row.pendingAt !== undefined && !Number.isNaN(row.pendingAt) ? row.pendingAt : Date.parse(row.latest.at);
}

async function sendRow(
  huuray: Huuray,
  row: CampaignRow,
  options: CampaignOptions,
  prior: number | undefined,
): Promise<RowEntry> {
  const { params } = options;
  try {
    const placed = await huuray.send(rowReward(row, params), {
      ...options.sendOptions,
      ...(prior === undefined ? {} : { priorAttemptAt: prior }),
    });
    return {
      state: 'done',
      refId: row.refId,
      orderUid: placed.orderUid,
      source: placed.source,
      voucherIds: placed.vouchers.flatMap((v) => (v.id === null ? [] : [v.id])),
    };
  } catch (error) {
    return failureEntry(row.refId, error);
  }
}
