import type { Command } from 'commander';
import { examples, positiveInt } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function searchCommand(program: Command): void {
  program
    .command('search')
    .description('find an order by your refId, its order UID, a voucher or a recipient (exit 1 if none)')
    .option('--ref-id <refId>', 'your order reference')
    .option('--order <uid>', 'the OrderUID')
    .option('--voucher <id>', 'a voucher id (the only search that can show a code)', positiveInt)
    .option('--product <token>', 'product token')
    .option('--name <name>', 'recipient name')
    .option('--email <email>', 'recipient email')
    .option('--phone <phone>', 'recipient phone')
    .option('--recipient-ref <refId>', "recipient's refId")
    .addHelpText(
      'after',
      examples(
        'huuray search --ref-id q4-thanks-emp-001',
        'huuray search --order ord_6f1c2a --voucher 1234 --show-codes --json',
      ),
    )
    .action(lazyAction(async () => (await import('./search-action.js')).searchAction));
}
