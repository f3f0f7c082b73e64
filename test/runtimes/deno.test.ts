import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxSetup } from '../helpers/sandbox-huuray.js';

const root = resolve(import.meta.dirname, '../..');
const DENO = resolve(root, 'node_modules/.bin/deno');
const SCRIPT = resolve(root, 'test/runtimes/send.deno.ts');

/** Whether the pinned `deno` devDependency can run on this machine (it ships a native binary). */
const denoRuns = (() => {
  const probe = spawnSync(DENO, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.startsWith('deno ');
})();

async function runDeno(env: Record<string, string>): Promise<string> {
  const child = spawn(
    DENO,
    ['run', '--allow-net', '--allow-env', '--allow-read', '--unstable-sloppy-imports', SCRIPT],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`deno exited ${code}: ${stderr}`);
  return stdout.trim().split('\n').at(-1) ?? '';
}

describe('Deno as a runtime of the fault tests (issue 8)', () => {
  if (!denoRuns) {
    console.warn('SKIPPED Deno runtime test: node_modules/.bin/deno cannot run on this machine');
  }

  it.skipIf(!denoRuns)(
    'a dropped connection after store: Deno re-sends the POST, gets 401 for the reused nonce, and send reconciles',
    async () => {
      const { sandbox, gift, stored } = await sandboxSetup();
      sandbox.state.faults.next('Order', 'drop-after-store');
      const outcome = JSON.parse(
        await runDeno({
          SANDBOX_URL: sandbox.url,
          SANDBOX_TOKEN: sandbox.token,
          SANDBOX_SECRET: sandbox.secret,
          GIFT: JSON.stringify(gift('deno-replay')),
        }),
      ) as Record<string, unknown>;
      const orders = sandbox.state.requestLog.filter((e) => e.operation === 'Order').map((e) => e.status);
      // The replay is what makes Deno differ from Node: the stored order's copy came back 401.
      expect(orders).toEqual([null, 401]);
      expect(outcome).toEqual({ source: 'reconciled', orderRequests: 1, refId: 'deno-replay' });
      expect(stored('deno-replay')).toBe(1);
    },
    60_000,
  );
});
