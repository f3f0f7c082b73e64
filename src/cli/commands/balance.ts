import type { Command } from 'commander';
import { examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function balanceCommand(program: Command): void {
  program
    .command('balance')
    .description('show the account balance per currency')
    .addHelpText('after', examples('huuray balance', 'huuray balance --json'))
    .action(lazyAction(async () => (await import('./balance-action.js')).balanceAction));
}
