import type { Command } from 'commander';
import { currencyCode, examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function ratesCommand(program: Command): void {
  program
    .command('rates')
    .description("the exchange rate between two currencies, with Huuray's spread")
    .requiredOption('--from <code>', 'currency to convert from, e.g. EUR', currencyCode)
    .requiredOption('--to <code>', 'currency to convert to, e.g. DKK', currencyCode)
    .addHelpText('after', examples('huuray rates --from EUR --to DKK'))
    .action(lazyAction(async () => (await import('./rates-action.js')).ratesAction));
}
