import { writeFileSync } from 'node:fs';
import type { JournalRow, JournalState } from './journal.js';
import type { CampaignRow } from './types.js';

/** A row's state in a report: `sent` by a run of this campaign, or `reconciled` (found by a search by RefID). */
export type ReportState = 'sent' | 'reconciled' | 'failed' | 'unknown' | 'pending' | 'not-started';

/** One row of a campaign report. Never holds a voucher code. */
export interface ReportRow {
  /** The row's RefID. */
  readonly refId: string;
  /** Line in the CSV file, when the file was given. */
  readonly line: number | null;
  /** Recipient name, when the file was given. */
  readonly name: string | null;
  /** Recipient email, when the file was given. */
  readonly email: string | null;
  /** Where the row stands. */
  readonly state: ReportState;
  /** Huuray's order UID once sent. */
  readonly orderUid: string | null;
  /** How the order was found: sent now, reconciled, or existing from before. */
  readonly source: 'created' | 'reconciled' | 'existing' | null;
  /** The error class of a failed row. */
  readonly error: string | null;
  /** Error message of a failed or unknown row. */
  readonly message: string | null;
  /** For failed rows: refused by the API (4xx) or bad input, so only retried with `retryFailed`. */
  readonly definitive: boolean | null;
}

/** How many rows are in each state. */
export interface CampaignCounts {
  /** Rows in all. */
  readonly total: number;
  /** Orders placed. */
  readonly sent: number;
  /** Orders found by search after a lost answer. */
  readonly reconciled: number;
  /** Rows refused or failed. */
  readonly failed: number;
  /** Rows whose outcome is unknown: run again to settle them. */
  readonly unknown: number;
  /** In flight when a run died; the next run reconciles them. */
  readonly pending: number;
  /** Rows not tried yet. */
  readonly notStarted: number;
}

/** A campaign's state from its journal, row by row. */
export interface CampaignReport {
  /** Campaign name from the journal header. */
  readonly name: string | null;
  /** Rows per state. */
  readonly counts: CampaignCounts;
  /** Every row, in file order. */
  readonly rows: ReportRow[];
}

function reportRow(refId: string, journaled: JournalRow | undefined, row: CampaignRow | undefined): ReportRow {
  const latest = journaled?.latest;
  const base = {
    refId,
    line: row?.line ?? journaled?.line ?? null,
    name: row?.recipient.name ?? null,
    email: row?.recipient.email ?? null,
    orderUid: null,
    source: null,
    error: null,
    message: null,
    definitive: null,
  };
  switch (latest?.state) {
    case undefined:
      return { ...base, state: 'not-started' };
    case 'pending':
      return { ...base, state: 'pending' };
    case 'done':
      return {
        ...base,
        state: latest.source === 'created' ? 'sent' : 'reconciled',
        orderUid: latest.orderUid,
        source: latest.source,
      };
    case 'failed':
      return { ...base, state: 'failed', error: latest.error, message: latest.message, definitive: latest.definitive };
    case 'unknown':
      return { ...base, state: 'unknown', message: latest.message };
  }
}

/**
 * The state of every row: of `rows` in file order when given (rows the journal never saw are
 * `not-started`), otherwise of every RefID in the journal.
 */
export function campaignReport(state: JournalState, rows?: readonly CampaignRow[]): CampaignReport {
  const reported =
    rows === undefined
      ? [...state.rows.values()].map((j) => reportRow(j.refId, j, undefined))
      : rows.map((r) => reportRow(r.refId, state.rows.get(r.refId), r));
  const count = (s: ReportState) => reported.filter((r) => r.state === s).length;
  return {
    name: state.header?.name ?? null,
    counts: {
      total: reported.length,
      sent: count('sent'),
      reconciled: count('reconciled'),
      failed: count('failed'),
      unknown: count('unknown'),
      pending: count('pending'),
      notStarted: count('not-started'),
    },
    rows: reported,
  };
}

const CSV_COLUMNS = ['line', 'refId', 'name', 'email', 'state', 'orderUid', 'source', 'error', 'message'] as const;

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always-risky fields; a leading =,+,-,@ would run as a formula when the report is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes the report as CSV, one line per row, for whoever has to answer "who got paid?". */
export function writeReportCsv(path: string, report: CampaignReport): void {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of report.rows) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`, 'utf8');
}
