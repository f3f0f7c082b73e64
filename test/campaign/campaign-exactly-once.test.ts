import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CampaignParams, parseRecipients, runCampaign } from '../../src/campaign/index.js';
import { Journal } from '../../src/campaign/journal.js';
import { campaignHeader } from '../../src/campaign/plan.js';
import { HuurayValidationError } from '../../src/index.js';
import { sandboxFixture } from '../helpers/sandbox-fixture.js';

const csv = (n: number) =>
  Buffer.from(['name,email', ...Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com`)].join('\n'));
const journalIn = () => join(mkdtempSync(join(tmpdir(), 'huuray-once-')), 'c.jsonl');

async function setup() {
  const f = await sandboxFixture();
  const params: CampaignParams = {
    productToken: f.productToken,
    currency: f.currency,
    valueMinor: f.valueMinor,
    templateId: f.templateId,
  };
  return { f, params };
}

describe('campaigns: exactly once inside one process', () => {
  it('two runCampaign calls with one journal in one process: the second refuses, every row is paid once', async () => {
    const { f, params } = await setup();
    const huuray = f.client();
    const rows = parseRecipients(csv(40), 'twin', params);
    const journalPath = journalIn();
    const results = await Promise.allSettled([
      runCampaign(huuray, { name: 'twin', rows, params, journalPath, concurrency: 4 }),
      runCampaign(huuray, { name: 'twin', rows, params, journalPath, concurrency: 4 }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(HuurayValidationError);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toContain('another run in this process');
    expect(f.orderRequests()).toBe(40);
    for (const row of rows) expect(f.ordersFor(row.refId)).toBe(1);
  });

  it('resumes rows that were in flight when a run died with the full reconciliation: late orders are found', async () => {
    const { f, params } = await setup();
    const rows = parseRecipients(csv(6), 'late', params);
    const journalPath = journalIn();
    // The dead run: it journaled every row pending and sent each order, and then was killed. The orders
    // land 250 ms later, long after any single search the resume could make at once.
    const { journal } = Journal.open(journalPath, campaignHeader('late', params));
    const dead = f.client({ orderTimeoutMs: 20 });
    f.sandbox.state.faults.next('Order', { kind: 'slow-commit', ms: 250 }, rows.length);
    for (const row of rows) {
      await journal.append({ state: 'pending', refId: row.refId, line: row.line, valueMinor: row.valueMinor });
      const order = {
        productToken: params.productToken,
        valueMinor: row.valueMinor,
        currency: params.currency,
        quantity: 1,
        sync: true,
        refId: row.refId,
        templateId: params.templateId,
        recipients: [row.recipient],
      };
      await dead.orders.create(order).catch(() => undefined); // times out: its answer is lost
    }
    await journal.close();
    expect(f.sandbox.state.orders()).toHaveLength(0);

    // A new process: its own ledger. Searches every 100 ms, 5 times: the late orders show up in that window.
    const resumed = f.client({ reconcile: { settleDelayMs: 100, checks: 5, quarantineMs: 0 } });
    const result = await runCampaign(resumed, { name: 'late', rows, params, journalPath, concurrency: 6 });
    for (const row of rows) expect(f.ordersFor(row.refId)).toBe(1);
    expect(f.orderRequests()).toBe(rows.length);
    expect(result.counts).toMatchObject({ reconciled: rows.length, unknown: 0 });
  });

  it('keeps rows in doubt (unknown, not done) when the quarantine has not passed and nothing is found yet', async () => {
    const { f, params } = await setup();
    const rows = parseRecipients(csv(2), 'held', params);
    const journalPath = journalIn();
    const { journal } = Journal.open(journalPath, campaignHeader('held', params));
    for (const row of rows) {
      await journal.append({ state: 'pending', refId: row.refId, line: row.line, valueMinor: row.valueMinor });
    }
    await journal.close();
    const resumed = f.client({ reconcile: { settleDelayMs: 5, checks: 2, quarantineMs: 600_000 } });
    const result = await runCampaign(resumed, { name: 'held', rows, params, journalPath });
    expect(result.counts).toMatchObject({ unknown: 2, sent: 0 });
    expect(f.orderRequests()).toBe(0);
  });

  it('a re-run with another value after the journal was deleted is a conflict per row, not "reconciled"', async () => {
    const { f, params } = await setup();
    const huuray = f.client();
    const rows = parseRecipients(csv(5), 'revalue', params);
    const journalPath = journalIn();
    await runCampaign(huuray, { name: 'revalue', rows, params, journalPath });
    rmSync(journalPath);
    const other = { ...params, valueMinor: f.valueMinor + 100 };
    const rerun = await runCampaign(huuray, {
      name: 'revalue',
      rows: parseRecipients(csv(5), 'revalue', other),
      params: other,
      journalPath,
    });
    expect(rerun.counts).toMatchObject({ failed: 5, reconciled: 0, sent: 0 });
    expect(rerun.rows.every((r) => r.error === 'HuurayConflictError')).toBe(true);
    expect(f.orderRequests()).toBe(5);
  });

  it('compares a found order with the row in a fresh process: another product is a conflict per row', async () => {
    const { f, params } = await setup();
    const rows = parseRecipients(csv(3), 'reprod', params);
    const journalPath = journalIn();
    await runCampaign(f.client(), { name: 'reprod', rows, params, journalPath });
    rmSync(journalPath);
    const product = f.sandbox.state.products.find(
      (p) => p.currency === 'DKK' && p.active && p.token !== params.productToken && p.denominations.length > 0,
    );
    if (product === undefined) throw new Error('no second product');
    const other = { ...params, productToken: product.token, valueMinor: product.denominations[0] };
    const rerun = await runCampaign(f.client(), {
      name: 'reprod',
      rows: parseRecipients(csv(3), 'reprod', other),
      params: other,
      journalPath,
    });
    expect(rerun.counts).toMatchObject({ failed: 3, reconciled: 0 });
    expect(f.orderRequests()).toBe(3);
  });
});
