import type { Command } from 'commander';
import { amountMinor } from '../args.js';
import { withHuuray } from '../context.js';

interface StockFlags {
  readonly product: string;
  readonly value?: string;
  readonly currency?: string;
}

export function stockAction(flags: StockFlags, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out }) => {
    const valueMinor = flags.value === undefined ? undefined : amountMinor(flags.value, flags.currency);
    const stock = await huuray.stock({ productToken: flags.product, valueMinor });
    out.result({ productToken: flags.product, valueMinor: valueMinor ?? null, stock }, () =>
      out.say(`${stock} in stock`),
    );
  });
}
