import type { Command } from 'commander';
import { examples, money as formatMinor } from '../args.js';

import { withHuuray } from '../context.js';

export function balanceCommand(program: Command): void {
  program
    .command('balance')
    .description('show the account balance per currency')
    .addHelpText('after', examples('huuray balance', 'huuray balance --json'))
    .action((_options, command: Command) =>
      withHuuray(command, async ({ huuray, out }) => {
        const balances = await huuray.balances();
        out.result(
          balances.map((b) => ({ ...b, amount: formatMinor(b.amountMinor, b.currency) })),
          () =>
            out.table(
              ['Currency', 'Balance', 'Master'],
              balances.map((b) => [b.currency, formatMinor(b.amountMinor, b.currency), b.master ? 'yes' : '']),
            ),
        );
      }),
    );
}
