import type { Command } from 'commander';
import { outputFor } from '../context.js';
import { startSandbox } from '../sandbox-adapter.js';

export async function sandboxAction(flags: { port?: number; seed?: string }, command: Command): Promise<void> {
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
}
