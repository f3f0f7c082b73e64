import type { Command } from 'commander';
import { examples, positiveInt } from '../args.js';
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

export function workerCommand(program: Command): void {
  program
    .command('worker')
    .description('send queued campaign rows and rewards until stopped (SIGTERM or Ctrl-C finishes the jobs in hand)')
    .option(
      '--queue <postgres-url>',
      'the PostgreSQL database of the queue and the ledger (default: $HUURAY_QUEUE_URL; prefer it: flags show in process lists)',
    )
    .option('--concurrency <n>', 'jobs in hand at once, 1-64 (default 4)', positiveInt)
    .option(
      '--rate-limit <n>',
      'order and search requests per minute for this API token, across all workers (default 100)',
      positiveInt,
    )
    .option(
      '--quarantine <seconds>',
      'how long a row stays in doubt before it may be sent again (default 600)',
      positiveInt,
    )
    .option(
      '--lease <seconds>',
      "a worker's lease on a row; a dead worker's rows go on after it (default 60)",
      positiveInt,
    )
    .addHelpText(
      'after',
      examples(
        'huuray worker --queue postgres://huuray@db/rewards --concurrency 8',
        'huuray campaign run people.csv --name q4 ... --queue postgres://huuray@db/rewards --yes',
      ) +
        '\nRun as many workers as you like, on as many machines: they share the queue, the rate limit and the budget.\n' +
        'A row whose outcome is unknown is searched for by every worker and never sent again before the quarantine ends.\n',
    )
    .action(async (flags: WorkerFlags, command: Command) => {
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
    });
}
