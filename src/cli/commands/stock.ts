import type { Command } from 'commander';
import { amountMinor, currencyCode, examples } from '../args.js';
import { withHuuray } from '../context.js';

interface StockFlags {
  readonly product: string;
  readonly value?: string;
  readonly currency?: string;
}

export function stockCommand(program: Command): void {
  program
    .command('stock')
    .description('how many gift cards of a product are in stock')
    .requiredOption('--product <token>', 'product token from `huuray catalogue`')
    .option('--value <amount>', 'face value, e.g. 50.00 (default: the product default)')
    .option('--currency <code>', 'currency of --value, e.g. DKK', currencyCode)
    .addHelpText('after', examples('huuray stock --product prod_abc --value 50.00 --currency DKK'))
    .action((flags: StockFlags, command: Command) =>
      withHuuray(command, async ({ huuray, out }) => {
        const valueMinor = flags.value === undefined ? undefined : amountMinor(flags.value, flags.currency);
        const stock = await huuray.stock({ productToken: flags.product, valueMinor });
        out.result({ productToken: flags.product, valueMinor: valueMinor ?? null, stock }, () =>
          out.say(`${stock} in stock`),
        );
      }),
    );
}
