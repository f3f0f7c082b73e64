import type { LedgerEntry, LedgerState } from '../ledger/types.js';
import { currencyExponent } from '../money.js';
import { DEFAULT_QUARANTINE_MS, type ResolveAction, type ResolvedEntry } from './resolve-ledger.js';

/** One refId for finance: what was ordered, what became of it. Never a code or credential. */
export interface ReconciliationRow {
  readonly refId: string;
  readonly state: LedgerState;
  /** The order, once done: check it against Huuray's statement. */
  readonly orderUid: string | null;
  readonly productToken: string;
  readonly currency: string;
  readonly quantity: number;
  /** Face value of one gift card, minor units. */
  readonly valueMinor: number;
  /** Face value of the whole intent (value x quantity), minor units and as a decimal (`50.00`). */
  readonly amountMinor: number;
  readonly amount: string;
  /** ISO 8601 times; `null` when not in doubt. */
  readonly inDoubtSince: string | null;
  readonly resendableAt: string | null;
  /** What this run of the resolver did, `null` when it did not look at the refId. */
  readonly action: ResolveAction | null;
  readonly reason: string | null;
  readonly updatedAt: string;
}

/** Totals per currency of what is done, and counts per state. */
export interface ReconciliationReport {
  readonly generatedAt: string;
  readonly quarantineMs: number;
  readonly counts: Readonly<Record<LedgerState, number>>;
  readonly done: readonly { readonly currency: string; readonly amountMinor: number; readonly amount: string }[];
  readonly rows: readonly ReconciliationRow[];
}

/** `5025` minor units of DKK as `50.25`, without floating point. */
export function decimalAmount(minor: number, currency: string): string {
  let exponent: number;
  try {
    exponent = currencyExponent(currency);
  } catch {
    return String(minor); // an unknown currency: the minor units as they are, rather than a guess
  }
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The reconciliation report for finance: every entry of the ledger (or those given), with what the
 * resolver did to those it looked at. Compare `orderUid` and `amount` with your own records and
 * Huuray's statement; `in-doubt` rows are money that may or may not have been spent.
 */
export function reconciliationReport(
  entries: readonly LedgerEntry[],
  resolved: readonly ResolvedEntry[] = [],
  options: { readonly quarantineMs?: number | undefined; readonly now?: number | undefined } = {},
): ReconciliationReport {
  const quarantineMs = options.quarantineMs ?? DEFAULT_QUARANTINE_MS;
  const byRef = new Map(resolved.map((r) => [r.refId, r]));
  const rows = entries.map((e): ReconciliationRow => {
    const amountMinor = e.intent.valueMinor * e.intent.quantity;
    const since = e.state === 'done' ? null : e.inDoubtSince;
    return {
      refId: e.refId,
      state: e.state,
      orderUid: e.orderUid,
      productToken: e.intent.productToken,
      currency: e.intent.currency,
      quantity: e.intent.quantity,
      valueMinor: e.intent.valueMinor,
      amountMinor,
      amount: decimalAmount(amountMinor, e.intent.currency),
      inDoubtSince: iso(since),
      resendableAt: iso(since === null ? null : since + quarantineMs),
      action: byRef.get(e.refId)?.action ?? null,
      reason: e.state === 'done' ? null : (byRef.get(e.refId)?.detail ?? e.reason),
      updatedAt: new Date(e.updatedAt).toISOString(),
    };
  });
  const counts: Record<LedgerState, number> = { 'in-flight': 0, done: 0, refused: 0, 'in-doubt': 0 };
  const done = new Map<string, number>();
  for (const row of rows) {
    counts[row.state]++;
    if (row.state === 'done') done.set(row.currency, (done.get(row.currency) ?? 0) + row.amountMinor);
  }
  return {
    generatedAt: new Date(options.now ?? Date.now()).toISOString(),
    quarantineMs,
    counts,
    done: [...done]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amountMinor]) => ({ currency, amountMinor, amount: decimalAmount(amountMinor, currency) })),
    rows,
  };
}

const COLUMNS: readonly (keyof ReconciliationRow)[] = [
  'refId',
  'state',
  'orderUid',
  'productToken',
  'currency',
  'quantity',
  'valueMinor',
  'amountMinor',
  'amount',
  'inDoubtSince',
  'resendableAt',
  'action',
  'reason',
  'updatedAt',
];

/**
 * RFC 4180 CSV, one row per refId. A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return
 * is prefixed with `'`, because finance opens this in a spreadsheet and a refId is caller-controlled text
 * (OWASP "CSV injection"); amounts are written as plain numbers and never prefixed.
 */
export function reportCsv(report: ReconciliationReport): string {
  const cell = (value: string | number | null): string => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const numeric = new Set<keyof ReconciliationRow>(['quantity', 'valueMinor', 'amountMinor', 'amount']);
  const lines = [COLUMNS.join(',')];
  for (const row of report.rows) {
    lines.push(COLUMNS.map((c) => (numeric.has(c) ? String(row[c]) : cell(row[c]))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The report as one JSON document. */
export function reportJson(report: ReconciliationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
