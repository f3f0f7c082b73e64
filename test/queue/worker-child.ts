/**
 * One worker process for the queue tests: opens the queue, starts a worker with the options in argv,
 * says "ready" on stdout, and stops gracefully on SIGTERM (jobs in hand finish). The tests SIGKILL it too.
 */
import { openQueue, startWorker, type WorkerOptions } from '../../src/queue/index.js';

interface ChildConfig {
  readonly connectionString: string;
  readonly leaseSeconds: number;
  readonly worker: WorkerOptions;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const queue = await openQueue({
  connectionString: config.connectionString,
  leaseSeconds: config.leaseSeconds,
  maintenanceIntervalSeconds: 1,
  maxConnections: 6,
});
const worker = await startWorker(queue, config.worker);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => queue.close())
    .then(() => process.exit(0));
});
