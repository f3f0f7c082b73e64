import type { Command } from 'commander';
import { examples, port } from '../args.js';
import { outputFor } from '../context.js';
import { startSandbox } from '../sandbox-adapter.js';

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
    .action(async (flags: { port?: number; seed?: string }, command: Command) => {
      const out = outputFor(command);
      const sandbox = await startSandbox({ port: flags.port, seed: flags.seed });
      out.result({ url: sandbox.url, token: sandbox.token, secret: sandbox.secret }, () => {
        out.say(`export HUURAY_BASE_URL=${sandbox.url}`);
        out.say(`export HUURAY_API_TOKEN=${sandbox.token}`);
        out.say(`export HUURAY_API_SECRET=${sandbox.secret}`);
      });
      out.note('sandbox running; Ctrl-C (or SIGTERM) to stop');
      // SIGTERM too: service managers and test harnesses stop processes with it, not Ctrl-C.
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.close();
    });
}
