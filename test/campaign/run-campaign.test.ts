import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CampaignParams,
  type CampaignProgress,
  parseRecipients,
  readJournal,
  runCampaign,
} from '../../src/campaign/index.js';
import { Journal } from '../../src/campaign/journal.js';
import { campaignHeader } from '../../src/campaign/plan.js';
import { sandboxSetup } from '../helpers/sandbox-huuray.js';

async function setup() {
  const s = await sandboxSetup({ reconcile: { settleDelayMs: 20, checks: 2, maxOrderAttempts: 1, quarantineMs: 0 } });
  const params = { ...s.codes, templateId: s.templateId } satisfies CampaignParams;
  const journalPath = join(mkdtempSync(join(tmpdir(), 'huuray-run-')), 'c1.jsonl');
  const orders = () => s.sandbox.state.orders();
  return { ...s, params, journalPath, orders };
}

const csv = (n: number) =>
  Buffer.from(['name,email', ...Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com`)].join('\n'));

describe('runCampaign', () => {
  it('sends every row once, reports progress, and a re-run sends nothing', async () => {
    const { huuray, journalPath, params, orders } = await setup();
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
    expect(orders()).toHaveLength(20);
    const second = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(second.attempted).toBe(0);
    expect(orders()).toHaveLength(20);
    expect(new Set(orders().map((o) => o.refId)).size).toBe(20);
  });

  it('reconciles a row that was in flight when the last run died instead of sending it again', async () => {
    const { huuray, journalPath, params, orders } = await setup();
    const rows = parseRecipients(csv(3), 'c1', params);
    const inFlight = rows[1];
    if (inFlight === undefined) throw new Error('no row');
    // The dead run journaled "pending" and its order landed; then it was killed.
    const { journal } = Journal.open(journalPath, campaignHeader('c1', params));
    await journal.append({
      state: 'pending',
      refId: inFlight.refId,
      line: inFlight.line,
      valueMinor: params.valueMinor,
    });
    await journal.close();
    await huuray.send({ ...params, recipient: inFlight.recipient, refId: inFlight.refId });

    const result = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(orders()).toHaveLength(3);
    expect(result.rows.find((r) => r.refId === inFlight.refId)).toMatchObject({
      state: 'reconciled',
      source: 'existing',
    });
    expect(result.counts).toMatchObject({ sent: 2, reconciled: 1 });
  });

  it('journals refusals and unknown outcomes, keeps going, and retries refusals only when asked', async () => {
    const { sandbox, huuray, journalPath, params, orders } = await setup();
    sandbox.state.faults.next('Order', {
      kind: 'refuse',
      status: 422,
      message: 'You have nothing left on your account',
    });
    sandbox.state.faults.next('Order', 'error-before-store');
    // The pre-send searches of both rows answer 404; the search after the 500 fails on all 3 attempts.
    sandbox.state.faults.next('Search', { kind: 'latency', ms: 0 }, 2);
    sandbox.state.faults.next('Search', 'error-before-store', 3);
    const rows = parseRecipients(csv(3), 'c1', params);
    const first = await runCampaign(huuray, { name: 'c1', rows, params, journalPath, concurrency: 1 });
    expect(first.counts).toMatchObject({ sent: 1, failed: 1, unknown: 1 });
    expect(first.rows[0]).toMatchObject({ state: 'failed', error: 'HuurayUnprocessableError', definitive: true });
    expect(first.rows[1]).toMatchObject({ state: 'unknown' });
    expect(orders()).toHaveLength(1);

    const second = await runCampaign(huuray, { name: 'c1', rows, params, journalPath });
    expect(second.attempted).toBe(1); // the unknown one; the refusal is left alone
    expect(second.counts).toMatchObject({ sent: 2, failed: 1, unknown: 0 });

    const third = await runCampaign(huuray, { name: 'c1', rows, params, journalPath, retryFailed: true });
    expect(third.counts).toMatchObject({ sent: 3, failed: 0 });
    expect(orders()).toHaveLength(3);
    expect([...readJournal(journalPath).rows.values()].every((r) => r.latest.state === 'done')).toBe(true);
  });

  it('stops starting rows when its signal aborts and leaves the rest for the next run', async () => {
    const { huuray, journalPath, params, orders } = await setup();
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
    expect(orders()).toHaveLength(10);
  });
});
