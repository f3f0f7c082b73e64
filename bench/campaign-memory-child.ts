/**
 * One memory measurement of `runCampaign`, in a process of its own (started with --expose-gc by
 * campaign-memory.ts) against a fresh sandbox process, so no earlier run's heap or orders count.
 * Heap used after a full GC: before the rows exist, once they exist, when 90% of them are done
 * (the run's own state at its largest: everything it holds while rows are in flight), and after
 * the run with its result still held.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CampaignRow, runCampaign } from '../src/campaign/index.js';
import { fingerprintIntent, Huuray, MemoryLedger, recipientsDigest } from '../src/index.js';
import { startSandboxProcess } from '../test/helpers/sandbox-process.js';

export interface MemoryProbe {
  readonly rows: number;
  /** `maxSettledEntries` of the client's memory ledger, or null for its default (100,000). */
  readonly ledgerBound: number | null;
}

export interface MemoryReading {
  readonly inputBytes: number;
  readonly midRunBytes: number;
  readonly midRunRows: number;
  readonly afterBytes: number;
  readonly elapsedMs: number;
  /** Heap per settled entry of a default memory ledger, filled with `rows` entries like a campaign's. */
  readonly ledgerEntryBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** What the default memory ledger keeps per settled RefID: claimed and settled as `send` does. */
async function ledgerEntryBytes(count: number): Promise<number> {
  const ledger = new MemoryLedger();
  const before = heapAfterGc();
  for (let i = 0; i < count; i++) {
    const refId = `ledger-r${i}`;
    const intent = {
      productToken: 'prod_0123456789abcdef',
      valueMinor: 5000,
      currency: 'DKK',
      quantity: 1,
      templateId: 1001,
      recipientsDigest: await recipientsDigest([{ name: `Person ${i}`, email: `person${i}@example.com` }]),
    };
    await ledger.claim(refId, await fingerprintIntent(intent), intent, 'holder', 60_000);
    // Parsed, as an answer's OrderUID is: randomUUID's own string is a rope of pieces, ~430 bytes more.
    const orderUid = JSON.parse(`"${crypto.randomUUID()}"`) as string;
    await ledger.settle(refId, 'holder', { state: 'done', orderUid });
  }
  const after = heapAfterGc();
  const entries = (await ledger.list()).length;
  return (after - before) / entries;
}

async function measure(probe: MemoryProbe): Promise<MemoryReading> {
  const sandbox = await startSandboxProcess({
    seed: 11,
    catalogueSize: 200,
    accounts: [{ balances: { DKK: 2_000_000_000 }, masterCurrency: 'DKK' }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'huuray-bench-memory-'));
  try {
    const ledger = new MemoryLedger(probe.ledgerBound === null ? {} : { maxSettledEntries: probe.ledgerBound });
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url, ledger });
    const product = (await huuray.catalogue()).find(
      (p) => p.currency === 'DKK' && p.realTimeStock === 'RealTime' && p.active && p.denominations.length > 0,
    );
    const template = (await huuray.templates()).find((t) => t.type === 'Email');
    if (product?.productToken == null || template === undefined) throw new Error('no DKK product or template');
    const valueMinor = Math.round((product.denominations[0] as number) * 100);
    const params = { productToken: product.productToken, currency: 'DKK', valueMinor, templateId: template.id };
    // Warm up (code compiled, connections open) before the first reading.
    await runCampaign(huuray, {
      name: 'warm',
      rows: [{ line: 2, key: 'w', refId: 'warm-w', recipient: { email: 'w@example.com' }, valueMinor }],
      params,
      journalPath: join(dir, 'warm.jsonl'),
    });

    const before = heapAfterGc();
    const rows: CampaignRow[] = Array.from({ length: probe.rows }, (_, i) => ({
      line: i + 2,
      key: `r${i}`,
      refId: `mem-r${i}`,
      recipient: { name: `Person ${i}`, email: `person${i}@example.com` },
      valueMinor,
    }));
    const withRows = heapAfterGc();
    const midRunRows = Math.floor(probe.rows * 0.9);
    let midRun = 0;
    const started = performance.now();
    const result = await runCampaign(huuray, {
      name: 'mem',
      rows,
      params,
      journalPath: join(dir, 'mem.jsonl'),
      concurrency: 32,
      onProgress: (p) => {
        if (p.completed === midRunRows) midRun = heapAfterGc();
      },
    });
    const elapsedMs = performance.now() - started;
    const after = heapAfterGc(); // the result is still held: it is read below
    if (result.counts.sent !== probe.rows) throw new Error(`sent ${result.counts.sent} of ${probe.rows}`);
    return {
      inputBytes: withRows - before,
      midRunBytes: midRun - withRows,
      midRunRows,
      afterBytes: after - withRows,
      elapsedMs,
      ledgerEntryBytes: await ledgerEntryBytes(probe.rows),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}

const probe = JSON.parse(process.argv[2] ?? '{}') as MemoryProbe;
process.send?.(await measure(probe));
