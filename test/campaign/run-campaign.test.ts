import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/campaign/journal.js';
import {
  type CampaignParams,
  type CampaignProgress,
  campaignHeader,
  parseRecipients,
  readJournal,
  runCampaign,
} from '../../src/index.js';
import { type FakeOptions, startFakeHuuray } from '../helpers/fake-huuray.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { closedAfterEach } from '../helpers/per-test.js';

const params: CampaignParams = { productToken: 'prod_abc', currency: 'DKK', valueMinor: 5000, templateId: 12 };
const startFake = closedAfterEach(startFakeHuuray);

async function setup(options: FakeOptions = {}) {
  const fake = await startFake(options);
  const huuray = fastHuuray(fake.url, {
    reconcile: { settleDelayMs: 20, checks: 2, maxOrderAttempts: 1, quarantineMs: 0 },
  });
  const journalPath = join(mkdtempSync(join(tmpdir(), 'huuray-run-')), 'c1.jsonl');
  return { fake, huuray, journalPath };
}

const csv = (n: number) =>
  Buffer.from(['name,email', ...Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com`)].join('\n'));

describe('runCampaign', () => {
  it('sends every row once, reports progress, and a re-run sends nothing', async () => {
    const { fake, huuray, journalPath } = await setup();
    const rows = parseRecipients(csv(20), 'c1', params);
    const progress: CampaignProgress[] = [];
    const first = await runCampaign(huuray, {
      name: 'c1',
      rows,
      params,
      journalPath,
      concurrency: 4,
      onProgress: (p) => progress.push(p),
    });
    expect(first.counts).toMatchObject({ total: 20, sent: 20, failed: 0, unknown: 0 });
    expect(progress.at(-1)).toMatchObject({ completed: 20, total: 20 });
    expect(fake.orders).toHaveLength(20);
    const second = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(second.attempted).toBe(0);
    expect(fake.orders).toHaveLength(20);
    expect(new Set(fake.orders.map((o) => o.RefID)).size).toBe(20);
  });

  it('reconciles a row that was in flight when the last run died instead of sending it again', async () => {
    const { fake, huuray, journalPath } = await setup();
    const rows = parseRecipients(csv(3), 'c1', params);
    const inFlight = rows[1];
    if (inFlight === undefined) throw new Error('no row');
    // The dead run journaled "pending" and its order landed; then it was killed.
    const { journal } = Journal.open(journalPath, campaignHeader('c1', params));
    journal.append({ state: 'pending', refId: inFlight.refId, line: inFlight.line, valueMinor: 5000 });
    journal.close();
    await huuray.send({ ...params, valueMinor: 5000, recipient: inFlight.recipient, refId: inFlight.refId });

    const result = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(fake.orders).toHaveLength(3);
    expect(result.rows.find((r) => r.refId === inFlight.refId)).toMatchObject({
      state: 'reconciled',
      source: 'existing',
    });
    expect(result.counts).toMatchObject({ sent: 2, reconciled: 1 });
  });

  it('journals refusals and unknown outcomes, keeps going, and retries refusals only when asked', async () => {
    const { fake, huuray, journalPath } = await setup({
      orderFaults: ['unprocessable', 'error-before-store'],
      // The pre-send searches of both rows answer 404; the search after the 500 fails on all 3 attempts.
      readFaults: ['ok', 'ok', 'error', 'error', 'error'],
    });
    const rows = parseRecipients(csv(3), 'c1', params);
    const first = await runCampaign(huuray, { name: 'c1', rows, params, journalPath, concurrency: 1 });
    expect(first.counts).toMatchObject({ sent: 1, failed: 1, unknown: 1 });
    expect(first.rows[0]).toMatchObject({ state: 'failed', error: 'HuurayUnprocessableError', definitive: true });
    expect(first.rows[1]).toMatchObject({ state: 'unknown' });
    expect(fake.orders).toHaveLength(1);

    const second = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(second.attempted).toBe(1); // the unknown one; the refusal is left alone
    expect(second.counts).toMatchObject({ sent: 2, failed: 1, unknown: 0 });

    const third = await runCampaign(huuray, { name: 'c1', rows, params, journalPath, retryFailed: true });
    expect(third.counts).toMatchObject({ sent: 3, failed: 0 });
    expect(fake.orders).toHaveLength(3);
    expect([...readJournal(journalPath).rows.values()].every((r) => r.latest.state === 'done')).toBe(true);
  });

  it('stops starting rows when its signal aborts and leaves the rest for the next run', async () => {
    const { fake, huuray, journalPath } = await setup();
    const rows = parseRecipients(csv(10), 'c1', params);
    const stop = new AbortController();
    const result = await runCampaign(huuray, {
      name: 'c1',
      rows,
      params,
      journalPath,
      concurrency: 2,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.completed === 3) stop.abort();
      },
    });
    expect(result.stopped).toBe(true);
    expect(result.counts.sent).toBeGreaterThanOrEqual(3);
    expect(result.counts.sent).toBeLessThan(10);
    expect(result.counts.notStarted).toBe(10 - result.counts.sent);
    const rest = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(rest.counts.sent).toBe(10);
    expect(fake.orders).toHaveLength(10);
  });
});
