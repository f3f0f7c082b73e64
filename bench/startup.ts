/**
 * Start-up: the time `import()` of an entry takes inside a fresh Node process (measured by the child
 * itself, so process start-up is left out), and the wall time of `huuray --help` against bare `node`.
 * Both use the built package (`npm run build`), resolved through its own `exports` as a user's would be.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { compare, type Table } from './harness.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');

async function importMs(specifier: string): Promise<number> {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
  return Number(stdout);
}

async function wallMs(args: string[]): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { cwd: root });
  return performance.now() - started;
}

function binPath(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
  const bin = pkg.bin?.huuray;
  if (bin === undefined) throw new Error('package.json has no bin.huuray');
  return join(root, bin);
}

export async function startup(rounds: number): Promise<Table[]> {
  const imports = await compare(
    'Import of an entry in a fresh process',
    [
      { name: 'openapi-fetch', measure: () => importMs('openapi-fetch') },
      { name: 'zod', measure: () => importMs('zod') },
      { name: 'huuray-client', measure: () => importMs('huuray-client') },
    ],
    { rounds, warmup: 1, goals: [{ variant: 'huuray-client', atMost: 50, absoluteMs: true }] },
  );
  const bin = binPath();
  const help = await compare(
    '`huuray --help`, wall time',
    [
      { name: 'node -e 0', run: () => wallMs(['-e', '0']) },
      { name: 'huuray --help', run: () => wallMs([bin, '--help']) },
    ],
    { rounds, warmup: 1, goals: [{ variant: 'huuray --help', atMost: 1.5 }] },
  );
  return [imports, help];
}
