import type { Command } from 'commander';
import { currencyCode, examples, positiveInt } from '../args.js';
import { lazyAction } from '../lazy-action.js';
import { withSafetyOptions } from '../safety-options.js';

export function campaignRunCommand(campaign: Command): void {
  withSafetyOptions(
    campaign
      .command('run <file>')
      .description('send one gift card per CSV row (name,email[,phone][,refId][,value]); re-run to resume')
      .requiredOption('--name <name>', 'campaign name; prefixes every RefID and names the journal')
      .requiredOption('--product <token>', 'product token from `huuray catalogue`')
      .option('--value <amount>', 'face value of rows without a value column, e.g. 50.00')
      .requiredOption('--currency <code>', "currency, e.g. DKK (the product's own)", currencyCode)
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
    .action(lazyAction(async () => (await import('./campaign-run-action.js')).campaignRunAction));
}
