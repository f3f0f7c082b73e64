/**
 * Starts @stoplight/prism-cli on the vendored spec, on a free 127.0.0.1 port, by spawning node on the
 * CLI entry directly (npx/npm exec can leave an orphaned server behind). Used by the contract tests'
 * globalSetup and by the demo.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vendoredSpecFile } from './spec/location.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
/** The vendored spec Prism serves, as Huuray published it (YAML or JSON; see scripts/spec/location.ts). */
export const VENDORED_SPEC = vendoredSpecFile(root);

export interface PrismOptions {
  /** `mock` answers from the spec; `proxy` forwards to `upstream` and validates both ways. */
  readonly mode?: 'mock' | 'proxy';
  /** Required in proxy mode. */
  readonly upstream?: string;
  /** Pass `--errors`: a request or response violation becomes an error response. */
  readonly errors?: boolean;
  /** Give up waiting for Prism to listen after this long. */
  readonly startTimeoutMs?: number;
}

export interface RunningPrism {
  readonly url: string;
  /** Everything Prism printed so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = require(pkgPath) as { bin: { prism: string } };
  return join(dirname(pkgPath), pkg.bin.prism);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const mode = options.mode ?? 'mock';
  if (mode === 'proxy' && options.upstream === undefined) throw new Error('proxy mode needs an upstream URL');
  const port = await freePort();
  const args = [prismEntry(), mode, VENDORED_SPEC];
  if (mode === 'proxy' && options.upstream !== undefined) args.push(options.upstream);
  args.push('-h', '127.0.0.1', '-p', String(port), '--verboseLevel', 'warn');
  if (options.errors === true) args.push('--errors');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const close = async () => {
    process.removeListener('exit', killOnExit);
    await stop(child);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await close();
      throw new Error(`Prism exited before listening (code ${child.exitCode}):\n${output}`);
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`Prism did not listen on 127.0.0.1:${port} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, output: () => output, close };
}
