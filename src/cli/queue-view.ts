import { writeFileSync } from 'node:fs';
import type { QueueCampaignStatus } from '../queue/index.js';
import { money } from './args.js';
import { CliExit, ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Prints a queued campaign's progress and outcomes: rows per state, budget, pause, money spent. */
export function printQueueStatus(out: Output, status: QueueCampaignStatus): void {
  const c = status.counts;
  out.say(
    `${status.name}: ${c.done}/${status.total} done, ${c['in-doubt']} in doubt, ${c.refused} refused, ${c['over-budget']} over budget, ${c.queued + c['in-flight']} waiting or in flight`,
  );
  if (status.budget !== null) {
    const b = status.budget;
    out.say(
      `  budget ${money(b.amountMinor, b.currency)}, reserved ${money(b.reservedMinor, b.currency)} (placed and in doubt)`,
    );
  }
  if (status.pausedReason !== null) out.say(out.style('yellow', `  ${status.pausedReason}`));
  for (const s of status.spent)
    out.say(`  spent: ${s.count} gift card(s), face value ${money(s.amountMinor, s.currency)}`);
  for (const s of status.charged) out.say(`  charged (estimate): ${money(s.amountMinor, s.currency)}`);
  for (const r of status.rows.filter((row) => row.state === 'in-doubt' || row.state === 'refused').slice(0, 20)) {
    out.say(`  line ${r.line ?? '?'} ${r.refId}: ${r.state}${r.reason === null ? '' : ` (${r.reason})`}`);
  }
}

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet; quote and prefix it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The per-row report as CSV, for finance to check against their records. Never a code. */
export function writeQueueReportCsv(path: string, status: QueueCampaignStatus): void {
  const header = ['refId', 'line', 'state', 'value', 'currency', 'orderUid', 'source', 'reason', 'inDoubtSince'];
  const lines = status.rows.map((r) =>
    [
      r.refId,
      r.line,
      r.state,
      money(r.valueMinor, r.currency).replace(/^[A-Z]{3} /, ''),
      r.currency,
      r.orderUid,
      r.source,
      r.reason,
      r.inDoubtSince,
    ]
      .map(cell)
      .join(','),
  );
  writeFileSync(path, `${[header.join(','), ...lines].join('\n')}\n`);
}

/** 3 while rows are in doubt, 1 when some were refused or held back by the budget; rows still queued are progress. */
export function queueExitCode(status: QueueCampaignStatus): number {
  if (status.counts['in-doubt'] > 0) return ExitCode.unknown;
  if (status.counts.refused > 0 || status.counts['over-budget'] > 0) return ExitCode.apiError;
  return ExitCode.ok;
}

export function throwForStatus(status: QueueCampaignStatus): void {
  const code = queueExitCode(status);
  if (code === ExitCode.unknown) throw new CliExit(code, 'some rows are in doubt; workers settle them by search');
  if (code !== ExitCode.ok) throw new CliExit(code, 'some rows were not sent; see the report');
}
