/**
 * Bulk throughput against a sandbox in its own process: a campaign of `rows` rows at concurrency
 * 1, 8 and 32, and `issue()` of `codes` codes at concurrency 1, 4 and 16. The ratio is time per run
 * relative to concurrency 1, so below 1 means faster; it should fall until the sandbox is the limit.
 * Beside each row, the CPU the sandbox process and this (the client's) process used during the
 * samples, as a share of one core: when the sandbox's nears 100% (or the two together near the
 * machine's cores), more concurrency cannot help and the client is not what limits. Then a campaign
 * row against its floor (bare-row.ts): the same two signed requests sent with bare node:http, and
 * `send()` alone, at the campaign's highest concurrency, with the CPU each uses per row. Then `send()`
 * in a client that has sent a lot against a fresh one (long-lived.ts). Then the memory of a campaign
 * in the number of its rows (campaign-memory.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CampaignRow, runCampaign } from '../src/campaign/index.js';
import { Huuray } from '../src/index.js';
import { startSandboxProcess } from '../test/helpers/sandbox-process.js';
import { bareRows } from './bare-row.js';
import { campaignMemory } from './campaign-memory.js';
import { CpuShares } from './cpu-shares.js';
import { compare, type Table } from './harness.js';
import { longLivedClient, sendEach } from './long-lived.js';

/** Throughput of campaigns and `issue()`, then the memory of campaigns of `memorySizes` rows. */
export async function bulk(
  rows: number,
  codes: number,
  rounds: number,
  memorySizes: readonly number[],
): Promise<Table[]> {
  const tables = await throughput(rows, codes, rounds);
  return [...tables, await campaignMemory(memorySizes)];
}

/** Rows in flight in the floor comparison: the highest concurrency of the campaign table. */
const FLOOR_CONCURRENCY = 32;
/** Campaigns run before anything is measured. */
const WARM_UP_CAMPAIGNS = 10;

async function throughput(rows: number, codes: number, rounds: number): Promise<Table[]> {
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
    const sandboxCpu = () => sandbox.cpuMicros();
    // Both processes get cheaper per row for the first few thousand rows (code compiled, the young
    // generation sized to the allocation rate): without this, the first table measured cold processes,
    // its sandbox at 1.5x the CPU per row of the later tables.
    for (let warm = 0; warm < WARM_UP_CAMPAIGNS; warm++) await campaign(FLOOR_CONCURRENCY)();
    const campaignCpu = new CpuShares();
    const issueCpu = new CpuShares();
    const campaignTable = await compare(
      `Campaign of ${rows} rows against a sandbox in its own process`,
      [1, 8, 32].map((c) => campaignCpu.variant(`concurrency ${c}`, rows, sandboxCpu, campaign(c))),
      // One warm-up round: the first run of each also pays for compiling both processes' code.
      { rounds, warmup: 1, unit: 'ms' },
    );
    const issueTable = await compare(
      `issue() of ${codes} codes (${Math.ceil(codes / 25)} sync orders)`,
      [1, 4, 16].map((c) => issueCpu.variant(`concurrency ${c}`, codes, sandboxCpu, issueRun(c))),
      { rounds, warmup: 1, unit: 'ms' },
    );
    const bare = { url: sandbox.url, token: sandbox.token, secret: sandbox.secret };
    const order = { productToken, valueMinor, currency: 'DKK', templateId: template.id };
    const sendRows = (client: Huuray) => () =>
      sendEach(client, { ...order, rows, name: `bench-${++run}`, concurrency: FLOOR_CONCURRENCY });
    const floorCpu = new CpuShares();
    const floorTable = await compare(
      `A campaign row against its floor at concurrency ${FLOOR_CONCURRENCY}: ${rows} rows, each a search by RefID and a sync order`,
      [
        floorCpu.variant('bare node:http', rows, sandboxCpu, () =>
          bareRows(bare, order, `bare-${++run}`, rows, FLOOR_CONCURRENCY),
        ),
        floorCpu.variant('send()', rows, sandboxCpu, sendRows(huuray)),
        floorCpu.variant('campaign', rows, sandboxCpu, campaign(FLOOR_CONCURRENCY)),
      ],
      { rounds: rounds * 4, warmup: 1, unit: 'ms' },
    );
    const longLived = await longLivedClient(bare, order, rows, rounds * 4, FLOOR_CONCURRENCY, sandboxCpu);
    return [
      campaignCpu.columns(campaignTable, 'row'),
      issueCpu.columns(issueTable, 'code'),
      floorCpu.columns(floorTable, 'row'),
      longLived,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}
