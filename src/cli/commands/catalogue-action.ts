import type { Command } from 'commander';
import { filterProducts } from '../../domain/catalogue.js';
import { percent } from '../args.js';
import { withHuuray } from '../context.js';

interface CatalogueFlags {
  readonly all?: boolean;
  readonly country?: string;
  readonly currency?: string;
  readonly brand?: string;
  readonly category?: string;
}

export function catalogueAction(flags: CatalogueFlags, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out }) => {
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
  });
}
