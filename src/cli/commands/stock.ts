import type { Command } from 'commander';
import { currencyCode, examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function stockCommand(program: Command): void {
  program
    .command('stock')
    .description('how many gift cards of a product are in stock')
    .requiredOption('--product <token>', 'product token from `huuray catalogue`')
    .option('--value <amount>', 'face value, e.g. 50.00 (default: the product default)')
    .option('--currency <code>', 'currency of --value, e.g. DKK', currencyCode)
    .addHelpText('after', examples('huuray stock --product prod_abc --value 50.00 --currency DKK'))
    .action(lazyAction(async () => (await import('./stock-action.js')).stockAction));
}
