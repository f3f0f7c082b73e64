import type { Command } from 'commander';
import { examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';
import { withSafetyOptions } from '../safety-options.js';
import { targetOptions } from './order-target.js';

export function cancelCommand(program: Command): void {
  withSafetyOptions(targetOptions(program.command('cancel').description('cancel an order, or one voucher of it')))
    .addHelpText(
      'after',
      examples('huuray cancel --order ord_6f1c2a --yes', 'huuray cancel --order ord_6f1c2a --voucher 1234 --dry-run'),
    )
    .action(lazyAction(async () => (await import('./cancel-action.js')).cancelAction));
}
