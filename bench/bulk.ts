/**
 * Bulk throughput against a sandbox in its own process: a campaign of `rows` rows at concurrency
 * 1, 8 and 32, and `issue()` of `codes` codes at concurrency 1, 4 and 16. The ratio is time per run
 * relative to concurrency 1, so below 1 means faster; it should fall until the sandbox is the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CampaignRow, runCampaign } from '../src/campaign/index.js';
import { Huuray } from '../src/index.js';
import { startSandboxProcess } from '../test/helpers/sandbox-process.js';
import { compare, type Table } from './harness.js';

export async function bulk(rows: number, codes: number, rounds: number): Promise<Table[]> {
  // The sandbox in its own process, so the client's and the sandbox's work do not share one event loop.
  const sandbox = await startSandboxProcess({
    seed: 11,
    catalogueSize: 200,
    accounts: [{ balances: { DKK: 2_000_000_000, EUR: 2_000_000_000, USD: 2_000_000_000 } }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'huuray-bench-'));
  try {
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const product = (await huuray.catalogue()).find(
      (p) => p.currency === 'DKK' && p.realTimeStock === 'RealTime' && p.active && p.denominations.length > 0,
    );
    const template = (await huuray.templates()).find((t) => t.type === 'Email');
    if (product?.productToken == null || template === undefined)
      throw new Error('sandbox has no DKK product or template');
    const productToken = product.productToken;
    const valueMinor = Math.round((product.denominations[0] as number) * 100);
    let run = 0;
    const campaign = (concurrency: number) => async () => {
      run++;
      const name = `bench-${run}`;
      const campaignRows: CampaignRow[] = Array.from({ length: rows }, (_, i) => ({
        line: i + 2,
        key: `r${i}`,
        refId: `${name}-r${i}`,
        recipient: { name: `Person ${i}`, email: `person${i}@example.com` },
        valueMinor,
      }));
      const result = await runCampaign(huuray, {
        name,
        rows: campaignRows,
        params: { productToken, currency: 'DKK', valueMinor, templateId: template.id },
        journalPath: join(dir, `${name}.jsonl`),
        concurrency,
      });
      const done = result.counts.sent + result.counts.reconciled;
      if (done !== rows)
        throw new Error(
          `campaign ${name} finished ${done} of ${rows} rows: ${JSON.stringify(result.counts)} ${JSON.stringify(result.rows.find((r) => r.state !== 'sent'))}`,
        );
    };
    const issueRun = (concurrency: number) => async () => {
      run++;
      const result = await huuray.issue({
        productToken,
        valueMinor,
        currency: 'DKK',
        quantity: codes,
        refId: `bench-issue-${run}`,
        concurrency,
      });
      if (!result.complete) throw new Error('issue() did not complete');
    };
    const campaignTable = await compare(
      `Campaign of ${rows} rows against a sandbox in its own process`,
      [1, 8, 32].map((c) => ({ name: `concurrency ${c}`, run: campaign(c), units: rows })),
      { rounds, unit: 'ms' },
    );
    const issueTable = await compare(
      `issue() of ${codes} codes (${Math.ceil(codes / 25)} sync orders)`,
      [1, 4, 16].map((c) => ({ name: `concurrency ${c}`, run: issueRun(c), units: codes })),
      { rounds, unit: 'ms' },
    );
    return [campaignTable, issueTable];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}
