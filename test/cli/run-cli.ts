import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli as runInProcess } from '../../src/cli/program.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const MAIN = resolve(root, 'src/cli/main.ts');
// Resolved here so a child whose cwd is a temporary directory still finds tsx.
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Record<string, string | undefined>;
  /** Default: a temporary directory of this test file, so `.huuray/` never lands in the repository. */
  readonly cwd?: string;
  /** Only for the real binary (`runBinary`): killed after this long. */
  readonly timeoutMs?: number;
  /** What the command reads on stdin (never a terminal). */
  readonly stdin?: string;
}

let scratch: string | null = null;
function defaultCwd(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'huuray-cli-'));
  return scratch;
}

/**
 * Runs `huuray` in this process: the program's own entry with `args`, captured stdout and stderr, only
 * the given environment (plus NO_COLOR) and a stdin that is not a terminal. The command's code path is
 * the binary's; only process start-up and tsx are skipped, which is most of a spawn's cost.
 */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runInProcess(args, {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? defaultCwd(),
  });
  return { code, signal: null, stdout, stderr };
}

/** Starts the real `huuray` binary (through tsx) with stdin closed, NO_COLOR and the given HUURAY_* env. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  for (const key of Object.keys(env)) if (key.startsWith('HUURAY_')) delete env[key];
  Object.assign(env, options.env);
  return spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    // A scratch directory unless told: a command may write .huuray/ where it runs.
    cwd: options.cwd ?? defaultCwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the real binary to completion (killed after `timeoutMs`) and collects its output. */
export async function runBinary(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      child.on('close', (c, s) => done([c, s])),
    );
    return { code, signal, stdout, stderr };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** The run's stdout as JSON, with its stderr in the failure message when it is not. */
export function parseJson<T = unknown>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  }
}
