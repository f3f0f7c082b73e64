import type { CampaignReport } from '../campaign/report.js';
import { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** Prints counts and every row that is not done, with its reason. */
export function printCampaignReport(out: Output, report: CampaignReport): void {
  const c = report.counts;
  out.say(out.style('bold', `Campaign ${report.name ?? ''}: ${c.total} row(s)`));
  out.say(
    `  sent ${c.sent}, reconciled ${c.reconciled}, failed ${c.failed}, unknown ${c.unknown}, in flight ${c.pending}, not started ${c.notStarted}`,
  );
  const open = report.rows.filter((r) => r.state !== 'sent' && r.state !== 'reconciled');
  if (open.length === 0) return;
  out.table(
    ['Line', 'Email', 'RefID', 'State', 'Reason'],
    open.map((r) => [
      r.line === null ? '' : String(r.line),
      r.email ?? '',
      r.refId,
      r.state === 'failed' && r.definitive === true ? 'failed (refused)' : r.state,
      r.error === null ? (r.message ?? '') : `${r.error}: ${r.message ?? ''}`,
    ]),
  );
}

/** 3 when any outcome is unknown (or in flight), 1 when any row failed or is not started, else 0. */
export function campaignExitCode(report: CampaignReport): number {
  const c = report.counts;
  if (c.unknown > 0 || c.pending > 0) return ExitCode.unknown;
  if (c.failed > 0 || c.notStarted > 0) return ExitCode.apiError;
  return ExitCode.ok;
}
