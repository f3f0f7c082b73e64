import type { Command } from 'commander';
import { examples } from '../args.js';
import { campaignRunCommand } from './campaign-run.js';
import { campaignStatusCommand } from './campaign-status.js';

export function campaignCommand(program: Command): void {
  const campaign = program
    .command('campaign')
    .description('send to many recipients from a CSV, resumably')
    .addHelpText(
      'after',
      examples(
        'huuray campaign run recipients.csv --name q4-thanks --product prod_abc --value 50.00 --currency DKK --template 12 --dry-run',
        'huuray campaign status --name q4-thanks',
      ),
    );
  campaignRunCommand(campaign);
  campaignStatusCommand(campaign);
}
