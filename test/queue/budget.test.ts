import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertUp, discounted } from '../../src/domain/cost.js';
import { Huuray } from '../../src/huuray.js';
import {
  campaignStatus,
  enqueueCampaign,
  type HuurayQueue,
  openQueue,
  type QueueCampaignStatus,
  startWorker,
} from '../../src/queue/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { type SandboxProcess, startSandboxProcess } from '../helpers/sandbox-process.js';
import { campaignRows, countByRefId, pickCampaign, RICH_ACCOUNT } from './fixtures.js';

// Budget caps and the low-balance guard, against a real PostgreSQL and a sandbox in its own process.
let postgres: TestPostgres;
let sandbox: SandboxProcess;

beforeAll(async () => {
  [postgres, sandbox] = await Promise.all([
    startPostgres(),
    startSandboxProcess({ seed: 11, accounts: [RICH_ACCOUNT] }),
  ]);
});
afterAll(async () => {
  await sandbox?.close();
  await postgres?.stop();
});

/** Waits (bounded by the test's own timeout) until nothing on the queue can still change. */
async function settled(queue: HuurayQueue, name: string, until: (s: QueueCampaignStatus) => boolean) {
  for (;;) {
    const status = await campaignStatus(queue, name);
    if (status !== null && until(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a campaign budget', () => {
  it('stops at the budget, and a re-run with a larger one completes the campaign without a double', async () => {
    const queue = await openQueue({ connectionString: await postgres.database('budget'), leaseSeconds: 5 });
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const { params, discountPercent } = await pickCampaign(sandbox, 12);
    const rows = campaignRows('budget', 12, params);
    const cost = discounted(params.valueMinor, discountPercent);
    // Two workers with their own slots race for the budget; the reservation is one transaction each.
    const workers = await Promise.all(
      [0, 1].map(() =>
        startWorker(queue, {
          huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
          concurrency: 4,
          rateLimit: false,
          pollingIntervalSeconds: 0.5,
        }),
      ),
    );
    try {
      // Room for 5 rows and a bit, never for 6.
      const first = { amountMinor: cost * 5 + Math.floor(cost / 2), currency: 'DKK' };
      await enqueueCampaign(queue, { name: 'budget', rows, params, budget: first, huuray });
      const stopped = await settled(queue, 'budget', (s) => s.settled === s.total);
      expect(stopped.counts.done).toBe(5);
      expect(stopped.counts['over-budget']).toBe(7);
      expect(stopped.budget?.reservedMinor).toBe(cost * 5);
      expect((await sandbox.orders()).filter((o) => o.refId?.startsWith('budget-'))).toHaveLength(5);

      // Enqueueing again is idempotent: nothing new is sent while the budget is the same.
      expect((await enqueueCampaign(queue, { name: 'budget', rows, params, budget: first, huuray })).enqueued).toBe(7);
      const again = await settled(queue, 'budget', (s) => s.settled === s.total);
      expect(again.counts.done).toBe(5);

      await enqueueCampaign(queue, {
        name: 'budget',
        rows,
        params,
        budget: { amountMinor: cost * 20, currency: 'DKK' },
        huuray,
      });
      const done = await settled(queue, 'budget', (s) => s.counts.done === s.total);
      const counts = countByRefId(await sandbox.orders());
      for (const row of rows) expect(counts.get(row.refId)).toBe(1);
      expect(done.budget?.reservedMinor).toBe(cost * 12);
      expect(done.spent).toEqual([{ currency: 'DKK', count: 12, amountMinor: params.valueMinor * 12 }]);
      for (const r of done.rows) expect(r.orderUid).toMatch(/\S/);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await queue.close();
    }
  }, 120_000);

  it('reckons a budget in another currency at the exchange rate plus spread, as the preview does', async () => {
    const queue = await openQueue({ connectionString: await postgres.database('budget_eur'), leaseSeconds: 5 });
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const { params, discountPercent } = await pickCampaign(sandbox, 3);
    const rows = campaignRows('eur', 3, params);
    const rate = await huuray.exchangeRate({ from: 'DKK', to: 'EUR' });
    const each = convertUp(discounted(params.valueMinor, discountPercent), 'DKK', 'EUR', rate.rate, rate.spreadPercent);
    const worker = await startWorker(queue, {
      huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
      rateLimit: false,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await enqueueCampaign(queue, {
        name: 'eur',
        rows,
        params,
        budget: { amountMinor: each * 2, currency: 'EUR' },
        huuray,
      });
      const status = await settled(queue, 'eur', (s) => s.settled === s.total);
      expect(status.counts.done).toBe(2);
      expect(status.counts['over-budget']).toBe(1);
      expect(status.budget).toEqual({ amountMinor: each * 2, currency: 'EUR', reservedMinor: each * 2 });
    } finally {
      await worker.stop();
      await queue.close();
    }
  }, 120_000);

  it('pauses a campaign while the balance is below the minimum, says why, and resumes when it allows', async () => {
    const queue = await openQueue({ connectionString: await postgres.database('min_balance'), leaseSeconds: 5 });
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const { params } = await pickCampaign(sandbox, 4);
    const rows = campaignRows('lowbal', 4, params);
    const before = (await sandbox.command({ kind: 'balance', currency: 'DKK' })) as number;
    await sandbox.command({ kind: 'set-balance', currency: 'DKK', minor: 100_000 });
    const worker = await startWorker(queue, {
      huuray: { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url },
      concurrency: 2,
      rateLimit: false,
      balanceCheckMs: 300,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await enqueueCampaign(queue, { name: 'lowbal', rows, params, minBalanceMinor: 200_000, huuray });
      const paused = await settled(queue, 'lowbal', (s) => s.pausedReason !== null);
      expect(paused.pausedReason).toMatch(/DKK balance .* below the minimum of DKK 2,000\.00/);
      expect(paused.counts.done).toBe(0);
      expect((await sandbox.orders()).filter((o) => o.refId?.startsWith('lowbal-'))).toHaveLength(0);

      await sandbox.command({ kind: 'set-balance', currency: 'DKK', minor: before });
      const resumed = await settled(queue, 'lowbal', (s) => s.counts.done === s.total);
      expect(resumed.pausedReason).toBeNull();
      const counts = countByRefId(await sandbox.orders());
      for (const row of rows) expect(counts.get(row.refId)).toBe(1);
    } finally {
      await worker.stop();
      await queue.close();
    }
  }, 120_000);
});
