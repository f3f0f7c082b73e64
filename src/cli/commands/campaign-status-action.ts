import type { Command } from 'commander';
import { readJournal } from '../../campaign/journal.js';
import { campaignReport } from '../../campaign/report.js';
import { campaignExitCode, printCampaignReport } from '../campaign-report-view.js';
import { type GlobalOptions, outputFor } from '../context.js';
import { CliExit, ExitCode, usageError } from '../exit-codes.js';
import { ioFor } from '../io.js';
import { journalPathFor } from '../journal-path.js';
import { showQueuedStatus } from '../queue-status.js';

interface StatusFlags {
  readonly name: string;
  readonly journal?: string;
  readonly queue?: string;
  readonly report?: string;
}

export async function campaignStatusAction(flags: StatusFlags, command: Command): Promise<void> {
  if (flags.queue !== undefined) return showQueuedStatus(command, flags.name, flags.queue, flags.report);
  const out = outputFor(command);
  const sandbox = command.optsWithGlobals<GlobalOptions>().sandbox === true;
  const path = journalPathFor(ioFor(command).cwd, flags.name, flags.journal, sandbox);
  const state = readJournal(path);
  if (state.header === null) throw usageError(`no campaign journal at ${path}`);
  const report = campaignReport(state);
  out.result({ journalPath: path, header: state.header, ...report }, () => printCampaignReport(out, report));
  // Rows the journal never saw are unknown to it, so "not started" cannot be counted here.
  const code = campaignExitCode(report);
  if (code !== ExitCode.ok) throw new CliExit(code);
}
