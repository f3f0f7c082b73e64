import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignStatus, enqueueCampaign, openQueue, tokenDigest } from '../../src/queue/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { type LoggedRequest, type SandboxProcess, startSandboxProcess } from '../helpers/sandbox-process.js';
import { campaignRows, countByRefId, pickCampaign, RICH_ACCOUNT } from './fixtures.js';
import { startWorkerProcess, stopProcess, type WorkerProcessConfig } from './worker-processes.js';

// The rate governor shared by worker processes, counted where it matters: at the sandbox's request log.
// A window of 2 s stands in for the minute so the run stays short; the arithmetic is the same.
const LIMIT = 20;
const WINDOW_MS = 2_000;
const RETRY_AFTER_S = 6;
/** Requests let through just before the 429 may still be on their way on a busy machine. */
const IN_FLIGHT_SLACK_MS = 2_000;

let postgres: TestPostgres;
let sandbox: SandboxProcess;

beforeAll(async () => {
  [postgres, sandbox] = await Promise.all([
    startPostgres(),
    startSandboxProcess({ seed: 5, accounts: [RICH_ACCOUNT] }),
  ]);
});
afterAll(async () => {
  await sandbox?.close();
  await postgres?.stop();
});

const counted = (e: LoggedRequest) => e.operation === 'Order' || e.operation === 'Search';

describe('the rate governor over 3 worker processes', () => {
  it(`lets no ${WINDOW_MS} ms window carry more than ${LIMIT} order and search requests, and a 429 pauses every worker`, async () => {
    const connectionString = await postgres.database('governor');
    const queue = await openQueue({ connectionString, leaseSeconds: 30 });
    const { params } = await pickCampaign(sandbox, 40);
    const rows = campaignRows('gov', 40, params);
    const config: WorkerProcessConfig = {
      connectionString,
      leaseSeconds: 30,
      worker: {
        huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
        concurrency: 3,
        // The default margin (1 s) covers requests that are let go at the end of one window and arrive in the next.
        rateLimit: { requests: LIMIT, windowMs: WINDOW_MS },
        pollingIntervalSeconds: 0.5,
      },
    };
    const workers: ChildProcess[] = await Promise.all([0, 1, 2].map(() => startWorkerProcess(config)));
    try {
      await enqueueCampaign(queue, { name: 'gov', rows, params });
      const done = async () => (await campaignStatus(queue, 'gov'))?.counts.done ?? 0;
      while ((await done()) < 10) await new Promise((resolve) => setTimeout(resolve, 100));
      await sandbox.command({
        kind: 'next-fault',
        operation: 'Order',
        fault: { kind: 'rate-limit', retryAfterSeconds: RETRY_AFTER_S },
      });
      while ((await done()) < rows.length) await new Promise((resolve) => setTimeout(resolve, 200));
      // The governor keeps a digest of the token; no table of the queue holds the token or the secret.
      const stored = JSON.stringify(
        await Promise.all(
          ['huuray_rate_governor', 'huuray_campaigns', 'huuray_campaign_rows', 'huuray_pgboss.job'].map((table) =>
            queue.db.query(`SELECT * FROM ${table}`),
          ),
        ),
      );
      expect(stored).toContain(tokenDigest(sandbox.token));
      expect(stored).not.toContain(sandbox.token);
      expect(stored).not.toContain(sandbox.secret);
    } finally {
      await Promise.all(workers.map((w) => stopProcess(w, 'SIGTERM')));
      await queue.close();
    }

    const log = await sandbox.log();
    const times = log.filter(counted).map((e) => Date.parse(e.time));
    expect(times.length).toBeGreaterThanOrEqual(2 * rows.length);
    let busiest = 0;
    for (const start of times) {
      busiest = Math.max(busiest, times.filter((t) => t >= start && t < start + WINDOW_MS).length);
    }
    expect(busiest).toBeLessThanOrEqual(LIMIT);

    const limited = log.find((e) => e.status === 429);
    expect(limited).toBeDefined();
    const at = Date.parse(limited?.time ?? '');
    // Requests already let through when the 429 came may still arrive shortly after it; after that, no
    // worker sends anything until Retry-After has passed, and then they go on.
    const duringPause = log.filter((e) => {
      const t = Date.parse(e.time);
      return t > at + IN_FLIGHT_SLACK_MS && t < at + RETRY_AFTER_S * 1_000;
    });
    expect(duringPause).toEqual([]);
    expect(log.some((e) => Date.parse(e.time) >= at + RETRY_AFTER_S * 1_000)).toBe(true);

    const perRef = countByRefId(await sandbox.orders());
    for (const row of rows) expect(perRef.get(row.refId)).toBe(1);
  }, 300_000);
});
