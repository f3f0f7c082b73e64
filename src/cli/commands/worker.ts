import type { Command } from 'commander';
import { examples, positiveInt } from '../args.js';
import { lazyAction } from '../lazy-action.js';

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
    .action(lazyAction(async () => (await import('./worker-action.js')).workerAction));
}
