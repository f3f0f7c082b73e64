import type { Command } from 'commander';
import { type GlobalOptions, outputFor } from '../context.js';
import { usageError } from '../exit-codes.js';
import { ioFor } from '../io.js';

interface WorkerFlags {
  readonly queue?: string;
  readonly concurrency?: number;
  readonly rateLimit?: number;
  readonly quarantine?: number;
  readonly lease?: number;
}

export async function workerAction(flags: WorkerFlags, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const out = outputFor(command);
  const { env } = ioFor(command);
  const token = globals.token ?? env.HUURAY_API_TOKEN;
  const secret = globals.secret ?? env.HUURAY_API_SECRET;
  if (!token || !secret)
    throw usageError('no credentials: set HUURAY_API_TOKEN and HUURAY_API_SECRET (or --token/--secret)');
  const baseUrl = globals.baseUrl ?? (env.HUURAY_BASE_URL || undefined);
  if (flags.concurrency !== undefined && flags.concurrency > 64) throw usageError('--concurrency is at most 64');
  const url = flags.queue ?? (env.HUURAY_QUEUE_URL || undefined);
  if (url === undefined) throw usageError('no queue: give --queue or set HUURAY_QUEUE_URL');
  // The queue entry loads pg and pg-boss, optional peers: only the queue commands need them.
  const { openQueue, startWorker } = await import('../../queue/index.js');
  // Orders go through the durable ledger in the same database: every send, from any process, claims its
  // refId there first (huuray-client/postgres), on top of the queue's own claim on the row.
  const { postgresLedger } = await import('../../postgres/index.js');
  const ledger = postgresLedger({ connectionString: url });
  const queue = await openQueue({
    connectionString: url,
    ...(flags.lease === undefined ? {} : { leaseSeconds: flags.lease }),
  });
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) return;
    out.note('stopping after the jobs in hand...');
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const worker = await startWorker(queue, {
      huuray: {
        token,
        secret,
        ledger,
        ...(baseUrl === undefined ? {} : { baseUrl }),
        ...(globals.timeout === undefined ? {} : { timeoutMs: globals.timeout }),
        ...(globals.orderTimeout === undefined ? {} : { orderTimeoutMs: globals.orderTimeout }),
        ...(globals.settleDelay === undefined ? {} : { reconcile: { settleDelayMs: globals.settleDelay } }),
      },
      concurrency: flags.concurrency,
      rateLimit: { requests: flags.rateLimit ?? 100 },
      ...(flags.quarantine === undefined ? {} : { quarantineMs: flags.quarantine * 1000 }),
      signal: stop.signal,
      onRow: ({ refId, state }) => out.note(`${refId}: ${state}`),
    });
    out.note(
      `worker started (concurrency ${flags.concurrency ?? 4}, ${flags.rateLimit ?? 100} requests/min); SIGTERM or Ctrl-C stops it`,
    );
    await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    await worker.stop();
    out.note('worker stopped; every job in hand finished');
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await queue.close();
    await ledger.close();
  }
}
