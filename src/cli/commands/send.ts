import type { Command } from 'commander';
import { currencyCode, examples, positiveInt } from '../args.js';
import { lazyAction } from '../lazy-action.js';
import { withSafetyOptions } from '../safety-options.js';

export function sendCommand(program: Command): void {
  withSafetyOptions(
    program
      .command('send')
      .description('send one gift card to one recipient, exactly once per --ref-id')
      .requiredOption('--product <token>', 'product token from `huuray catalogue`')
      .requiredOption('--value <amount>', 'face value, e.g. 50.00')
      .requiredOption('--currency <code>', "currency, e.g. DKK (the product's own)", currencyCode)
      .requiredOption('--template <id>', 'delivery template id from `huuray templates`', positiveInt)
      .requiredOption('--ref-id <refId>', 'your reference; sending the same one again never pays twice')
      .option('--name <name>', 'recipient name')
      .option('--email <email>', 'recipient email')
      .option('--phone <phone>', 'recipient phone, e.g. +4512345678')
      .option('--message <text>', 'personal message')
      .option('--deliver-at <iso>', 'deliver later, ISO 8601 date-time'),
  )
    .addHelpText(
      'after',
      examples(
        'huuray send --product prod_abc --value 50.00 --currency DKK --template 12 --ref-id bday-ada --name Ada --email ada@example.com --yes',
        'huuray send ... --dry-run',
      ),
    )
    .action(lazyAction(async () => (await import('./send-action.js')).sendAction));
}
