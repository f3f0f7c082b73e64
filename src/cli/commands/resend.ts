import type { Command } from 'commander';
import { examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';
import { withSafetyOptions } from '../safety-options.js';
import { targetOptions } from './order-target.js';

export function resendCommand(program: Command): void {
  withSafetyOptions(
    targetOptions(program.command('resend').description('deliver an order (or one voucher) to its recipients again')),
  )
    .addHelpText(
      'after',
      examples('huuray resend --order ord_6f1c2a --yes', 'huuray resend --order ord_6f1c2a --voucher 1234'),
    )
    .action(lazyAction(async () => (await import('./resend-action.js')).resendAction));
}
