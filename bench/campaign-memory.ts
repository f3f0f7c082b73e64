/**
 * Memory of `runCampaign` in the number of rows: each size runs in a fresh process with --expose-gc
 * against a fresh sandbox process (campaign-memory-child.ts). The figure is the heap a run holds
 * beyond its input rows when 90% of them are done: flat in the number of rows means it does not grow
 * with them, so per row it falls as the rows grow. The client's memory ledger keeps each settled
 * RefID by design (up to 100,000 by default: that is how a second `send` of a RefID in this process
 * is known at once), so the runs use a ledger bounded to 1,000 entries to show what the run itself
 * holds, and the last column gives what the default ledger adds per RefID until its bound.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryProbe, MemoryReading } from './campaign-memory-child.js';
import type { Row, Table } from './harness.js';

const CHILD = fileURLToPath(new URL('./campaign-memory-child.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

function probe(p: MemoryProbe): Promise<MemoryReading> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(p)], {
      execArgv: ['--expose-gc', '--import', TSX],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reading: MemoryReading | undefined;
    child.once('message', (message) => {
      reading = message as MemoryReading;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reading === undefined ? reject(new Error(`memory probe exited (${code}) without a reading`)) : resolve(reading),
    );
  });
}

const fmtBytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** One run of each size, its client's memory ledger bounded to 1,000 settled entries. */
export async function campaignMemory(sizes: readonly number[]): Promise<Table> {
  const probes = sizes.map((rows) => ({
    name: `${rows.toLocaleString('en')} rows`,
    probe: { rows, ledgerBound: 1000 } satisfies MemoryProbe,
  }));
  const readings: { name: string; rows: number; reading: MemoryReading }[] = [];
  for (const p of probes) readings.push({ name: p.name, rows: p.probe.rows, reading: await probe(p.probe) });
  const base = readings[0] as (typeof readings)[number];
  const perRow = (r: MemoryReading) => r.midRunBytes / r.midRunRows;
  const rows: Row[] = readings.map(({ name, rows: count, reading }) => ({
    variant: name,
    samples: 1,
    medianMs: reading.elapsedMs,
    p99Ms: reading.elapsedMs,
    ratio: reading.elapsedMs / base.reading.elapsedMs,
    perSecond: count / (reading.elapsedMs / 1000),
    extra: {
      'input rows, bytes/row': (reading.inputBytes / count).toFixed(0),
      'held at 90%': fmtBytes(reading.midRunBytes),
      'held at 90%, bytes/row': perRow(reading).toFixed(0),
      [`bytes/row vs ${base.name}`]: `${(perRow(reading) / perRow(base.reading)).toFixed(2)}x`,
      'after, result held': fmtBytes(reading.afterBytes),
      'default ledger, bytes/RefID': reading.ledgerEntryBytes.toFixed(0),
    },
  }));
  return {
    title: 'runCampaign memory at concurrency 32: heap after GC beyond the input rows, ledger of 1,000 (one run each)',
    baseline: base.name,
    unit: 'ms',
    rows,
    goals: [],
  };
}
