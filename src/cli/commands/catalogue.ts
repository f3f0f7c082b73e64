import type { Command } from 'commander';
import { currencyCode, examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function catalogueCommand(program: Command): void {
  program
    .command('catalogue')
    .description('list products you can order, with tokens and discounts (--all: the whole catalogue, without them)')
    .option('--all', 'the whole catalogue (no product tokens or discounts)')
    .option('--country <code>', 'ISO 3166 country code, e.g. DK')
    .option('--currency <code>', 'ISO 4217 currency code, e.g. DKK', currencyCode)
    .option('--brand <text>', 'part of the brand name')
    .option('--category <name>', 'a category name')
    .addHelpText(
      'after',
      examples('huuray catalogue --country DK', 'huuray catalogue --brand zalando --json', 'huuray catalogue --all'),
    )
    .action(lazyAction(async () => (await import('./catalogue-action.js')).catalogueAction));
}
