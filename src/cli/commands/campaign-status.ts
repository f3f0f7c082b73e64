import type { Command } from 'commander';
import { readJournal } from '../../campaign/journal.js';
import { campaignReport } from '../../campaign/report.js';
import { examples } from '../args.js';
import { campaignExitCode, printCampaignReport } from '../campaign-report-view.js';
import { type GlobalOptions, outputFor } from '../context.js';
import { CliExit, ExitCode, usageError } from '../exit-codes.js';
import { ioFor } from '../io.js';
import { journalPathFor } from './campaign-run.js';

export function campaignStatusCommand(campaign: Command): void {
  campaign
    .command('status')
    .description("show a campaign journal's state (reads the journal only; no API call)")
    .requiredOption('--name <name>', 'campaign name')
    .option('--journal <path>', 'journal file (default .huuray/<name>.jsonl)')
    .addHelpText(
      'after',
      examples('huuray campaign status --name q4-thanks', 'huuray campaign status --name q4-thanks --json'),
    )
    .action(async (flags: { name: string; journal?: string }, command: Command) => {
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
    });
}
