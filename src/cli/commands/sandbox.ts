import type { Command } from 'commander';
import { examples, port } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function sandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run a local stateful sandbox of the Huuray API until Ctrl-C (no account needed)')
    .option('--port <n>', 'port to listen on, 1-65535 (default: a free one)', port)
    .option('--seed <seed>', 'seed for its catalogue, balances and ids')
    .addHelpText(
      'after',
      examples(
        'huuray sandbox --port 4010',
        'HUURAY_BASE_URL=http://127.0.0.1:4010 HUURAY_API_TOKEN=... HUURAY_API_SECRET=... huuray balance  # in another shell, with the printed values',
      ),
    )
    .action(lazyAction(async () => (await import('./sandbox-action.js')).sandboxAction));
}
