import type { Command } from 'commander';
import { examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function campaignStatusCommand(campaign: Command): void {
  campaign
    .command('status')
    .description("show a campaign journal's state (reads the journal only; no API call)")
    .requiredOption('--name <name>', 'campaign name')
    .option('--journal <path>', 'journal file (default .huuray/<name>.jsonl)')
    .option('--queue <postgres-url>', 'read a queued campaign from its database instead of a journal')
    .option('--report <file.csv>', 'with --queue: write the per-row report as CSV')
    .addHelpText(
      'after',
      examples('huuray campaign status --name q4-thanks', 'huuray campaign status --name q4-thanks --json'),
    )
    .action(lazyAction(async () => (await import('./campaign-status-action.js')).campaignStatusAction));
}
