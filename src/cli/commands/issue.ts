import type { Command } from 'commander';
import { currencyCode, examples, positiveInt } from '../args.js';
import { lazyAction } from '../lazy-action.js';
import { withSafetyOptions } from '../safety-options.js';

export function issueCommand(program: Command): void {
  withSafetyOptions(
    program
      .command('issue')
      .description('issue gift card codes without delivery (sync orders of up to 25), exactly once per --ref-id')
      .requiredOption('--product <token>', 'product token from `huuray catalogue`')
      .requiredOption('--value <amount>', 'face value of each code, e.g. 50.00')
      .requiredOption('--currency <code>', "currency, e.g. DKK (the product's own)", currencyCode)
      .requiredOption('--quantity <n>', 'number of codes', positiveInt)
      .requiredOption('--ref-id <refId>', 'your reference; re-running completes an unfinished issue, never duplicates')
      .option('--concurrency <n>', 'orders in flight at once (default 4)', positiveInt),
  )
    .addHelpText(
      'after',
      examples(
        'huuray issue --product prod_abc --value 100.00 --currency DKK --quantity 60 --ref-id raffle-2026 --yes --show-codes --json',
      ),
    )
    .action(lazyAction(async () => (await import('./issue-action.js')).issueAction));
}
