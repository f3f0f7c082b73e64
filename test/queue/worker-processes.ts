import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '../../src/queue/index.js';

const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The configuration a worker process is started with (see worker-child.ts). */
export interface WorkerProcessConfig {
  readonly connectionString: string;
  readonly leaseSeconds: number;
  readonly worker: WorkerOptions;
}

/** Starts one worker process and resolves once it takes jobs. */
export async function startWorkerProcess(config: WorkerProcessConfig): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', TSX, CHILD, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('ready\n')) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it was ready`)));
  });
  return child;
}

/** Kills with `signal` and waits for the process to be gone. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await gone;
}
