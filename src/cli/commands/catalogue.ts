import type { Command } from 'commander';
import { filterProducts } from '../../domain/catalogue.js';
import { currencyCode, examples, percent } from '../args.js';
import { withHuuray } from '../context.js';

interface CatalogueFlags {
  readonly all?: boolean;
  readonly country?: string;
  readonly currency?: string;
  readonly brand?: string;
  readonly category?: string;
}

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
    .action((flags: CatalogueFlags, command: Command) =>
      withHuuray(command, async ({ huuray, out }) => {
        const products = filterProducts(await huuray.catalogue({ all: flags.all === true }), {
          countryCode: flags.country,
          currency: flags.currency,
          brand: flags.brand,
          category: flags.category,
        });
        out.result(products, () => {
          out.table(
            ['Token', 'Brand', 'Country', 'Currency', 'Discount', 'Values'],
            products.map((p) => [
              p.productToken ?? '',
              p.brandName ?? '',
              p.countryCode ?? '',
              p.currency ?? '',
              p.discountPercent === null ? '' : percent(p.discountPercent),
              [...p.denominations.map(String), ...p.denominationRanges.map((r) => `${r.min}-${r.max}`)].join(', '),
            ]),
          );
          out.say(`${products.length} product(s)`);
        });
      }),
    );
}
