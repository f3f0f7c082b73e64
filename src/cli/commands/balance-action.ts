import type { Command } from 'commander';
import { money as formatMinor } from '../args.js';
import { withHuuray } from '../context.js';

export function balanceAction(_options: unknown, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out }) => {
    const balances = await huuray.balances();
    out.result(
      balances.map((b) => ({ ...b, amount: formatMinor(b.amountMinor, b.currency) })),
      () =>
        out.table(
          ['Currency', 'Balance', 'Master'],
          balances.map((b) => [b.currency, formatMinor(b.amountMinor, b.currency), b.master ? 'yes' : '']),
        ),
    );
  });
}
