/**
 * `npm run bench:workers [-- --rows 300 --latency 100]`: rows per second with 1, 2 and 4 worker
 * processes against a sandbox in its own process, as ratios to one worker. Not a test: it asserts
 * nothing and its numbers depend on the machine. Each worker has concurrency 4; the governor is off
 * (it would make the limit, not the workers, the bottleneck). Every order is answered `--latency` ms
 * late, standing in for the network and the API's own time.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { campaignStatus, enqueueCampaign, openQueue } from '../src/queue/index.js';
import { startPostgres } from '../test/helpers/postgres.js';
import { startSandboxProcess } from '../test/helpers/sandbox-process.js';
import { campaignRows, countByRefId, pickCampaign, RICH_ACCOUNT } from '../test/queue/fixtures.js';
import { startWorkerProcess, stopProcess } from '../test/queue/worker-processes.js';

const { values } = parseArgs({ options: { rows: { type: 'string' }, latency: { type: 'string' } } });
const ROWS = Number(values.rows ?? 300);
const LATENCY_MS = Number(values.latency ?? 100);
const WORKERS = [1, 2, 4];

const postgres = await startPostgres();
const sandbox = await startSandboxProcess({
  seed: 9,
  accounts: [RICH_ACCOUNT],
  faults: { Order: { rate: 1, kinds: [{ kind: 'latency', ms: LATENCY_MS }] } },
});
const results: { workers: number; seconds: number; rowsPerSecond: number }[] = [];
try {
  const { params } = await pickCampaign(sandbox, ROWS * WORKERS.length);
  for (const count of WORKERS) {
    const connectionString = await postgres.database(`bench_${count}`);
    const queue = await openQueue({ connectionString });
    const name = `bench${count}`;
    const workers: ChildProcess[] = await Promise.all(
      Array.from({ length: count }, () =>
        startWorkerProcess({
          connectionString,
          leaseSeconds: 60,
          worker: {
            huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
            concurrency: 4,
            rateLimit: false,
            pollingIntervalSeconds: 0.5,
          },
        }),
      ),
    );
    const started = performance.now();
    await enqueueCampaign(queue, { name, rows: campaignRows(name, ROWS, params), params });
    while (((await campaignStatus(queue, name))?.counts.done ?? 0) < ROWS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    results.push({ workers: count, seconds, rowsPerSecond: ROWS / seconds });
    await Promise.all(workers.map((w) => stopProcess(w, 'SIGTERM')));
    await queue.close();
  }
  const doubles = [...countByRefId(await sandbox.orders())].filter(([, n]) => n > 1);
  if (doubles.length > 0) throw new Error(`doubles: ${doubles.length}`);
} finally {
  await sandbox.close();
  await postgres.stop();
}

const one = results[0]?.rowsPerSecond ?? 1;
console.log(`\n${ROWS} rows per run, worker concurrency 4, order latency ${LATENCY_MS} ms, sandbox in its own process`);
console.log('workers | seconds | rows/s | ratio to 1 worker');
for (const r of results) {
  console.log(
    `${String(r.workers).padStart(7)} | ${r.seconds.toFixed(1).padStart(7)} | ${r.rowsPerSecond.toFixed(1).padStart(6)} | ${(r.rowsPerSecond / one).toFixed(2)}x`,
  );
}
