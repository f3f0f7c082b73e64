import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OperationName } from '../../generated/operations.js';
import type { Fault, FaultKind, FaultRate, SandboxOptions } from '../../src/sandbox/index.js';

const CHILD = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export type SandboxCommand =
  | { kind: 'orders' }
  | { kind: 'log' }
  | { kind: 'next-fault'; operation: OperationName; fault: FaultKind | Fault; times?: number }
  | { kind: 'fault-rate'; operation: OperationName; rate: FaultRate | null }
  | { kind: 'set-balance'; currency: string; minor: number }
  | { kind: 'balance'; currency: string }
  /** The sandbox process's own CPU time so far (`process.cpuUsage()`), to tell when it is the limit. */
  | { kind: 'cpu' };

export interface StoredOrder {
  readonly orderUid: string;
  readonly refId: string | null;
  readonly value: number;
  readonly currency: string;
  readonly createdAt: string;
}

export interface LoggedRequest {
  readonly time: string;
  readonly operation: OperationName | null;
  readonly status: number | null;
  readonly fault: FaultKind | null;
}

/** A sandbox running in its own node process. */
export interface SandboxProcess {
  readonly url: string;
  readonly token: string;
  readonly secret: string;
  orders(): Promise<StoredOrder[]>;
  log(): Promise<LoggedRequest[]>;
  /** CPU time the sandbox process has used, user plus system, in microseconds. */
  cpuMicros(): Promise<number>;
  command(command: SandboxCommand): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the sandbox in a child process (through tsx) and waits until it listens. */
export async function startSandboxProcess(options: SandboxOptions = {}): Promise<SandboxProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; token: string; secret: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was ready`)));
    child.on('message', (message: { ready?: { url: string; token: string; secret: string } }) => {
      if (message.ready !== undefined) resolve(message.ready);
    });
  });
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  const started = await ready;
  const command = (c: SandboxCommand) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, command: c });
    });
  return {
    ...started,
    command,
    orders: async () => (await command({ kind: 'orders' })) as StoredOrder[],
    log: async () => (await command({ kind: 'log' })) as LoggedRequest[],
    cpuMicros: async () => {
      const used = (await command({ kind: 'cpu' })) as NodeJS.CpuUsage;
      return used.user + used.system;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
