/**
 * Bulk throughput against a sandbox in its own process: a campaign of `rows` rows at concurrency
 * 1, 8 and 32, and `issue()` of `codes` codes at concurrency 1, 4 and 16. The ratio is time per run
 * relative to concurrency 1, so below 1 means faster; it should fall until the sandbox is the limit.
 * Beside each row, the CPU the sandbox process and this (the client's) process used during the
 * samples, as a share of one core: when the sandbox's nears 100% (or the two together near the
 * machine's cores), more concurrency cannot help and the client is not what limits. Then the memory
 * of a campaign in the number of its rows (campaign-memory.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CampaignRow, runCampaign } from '../src/campaign/index.js';
import { Huuray } from '../src/index.js';
import { startSandboxProcess } from '../test/helpers/sandbox-process.js';
import { campaignMemory } from './campaign-memory.js';
import { compare, quantile, type Table, type Variant, withColumns } from './harness.js';

/** CPU time per wall time, as a share of one core, of the samples of each variant. */
class CpuShares {
  readonly #shares = new Map<string, { sandbox: number[]; client: number[] }>();

  /** A variant that times `run` itself and notes the CPU both processes used meanwhile. */
  variant(name: string, units: number, sandboxCpuMicros: () => Promise<number>, run: () => Promise<void>): Variant {
    return {
      name,
      units,
      measure: async () => {
        const sandboxBefore = await sandboxCpuMicros();
        const clientBefore = process.cpuUsage();
        const started = performance.now();
        await run();
        const elapsed = performance.now() - started;
        const client = process.cpuUsage(clientBefore);
        const sandbox = (await sandboxCpuMicros()) - sandboxBefore;
        const shares = this.#shares.get(name) ?? { sandbox: [], client: [] };
        this.#shares.set(name, shares);
        shares.sandbox.push(sandbox / 1000 / elapsed);
        shares.client.push((client.user + client.system) / 1000 / elapsed);
        return elapsed;
      },
    };
  }

  /** The median shares of each variant as columns of `table`. */
  columns(table: Table): Table {
    const median = (values: number[]) =>
      quantile(
        [...values].sort((a, b) => a - b),
        0.5,
      );
    const percent = (values: number[] | undefined) =>
      values === undefined ? '' : `${(median(values) * 100).toFixed(0)}%`;
    return withColumns(table, (variant) => ({
      'sandbox CPU': percent(this.#shares.get(variant)?.sandbox),
      'client CPU': percent(this.#shares.get(variant)?.client),
    }));
  }
}

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
    const campaignCpu = new CpuShares();
    const issueCpu = new CpuShares();
    const campaignTable = await compare(
      `Campaign of ${rows} rows against a sandbox in its own process`,
      [1, 8, 32].map((c) => campaignCpu.variant(`concurrency ${c}`, rows, sandboxCpu, campaign(c))),
      { rounds, unit: 'ms' },
    );
    const issueTable = await compare(
      `issue() of ${codes} codes (${Math.ceil(codes / 25)} sync orders)`,
      [1, 4, 16].map((c) => issueCpu.variant(`concurrency ${c}`, codes, sandboxCpu, issueRun(c))),
      { rounds, unit: 'ms' },
    );
    return [campaignCpu.columns(campaignTable), issueCpu.columns(issueTable)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}
