/**
 * Memory of `runCampaign` in the number of rows: each size runs in a fresh process with --expose-gc
 * against a fresh sandbox process (campaign-memory-child.ts). The figure is the heap a run holds
 * beyond its input rows when 90% of them are done, and what each further row adds to it compared
 * with the smallest run. The client keeps two bounded records by design: its memory ledger holds each
 * settled RefID (up to 100,000 by default: that is how a second `send` of a RefID in this process is
 * known at once), so the runs use a ledger bounded to 1,000 entries and the last column gives what
 * the default one adds per RefID until its bound; and the transport remembers the last 10,000 codes
 * and links it received (to scrub them from error texts), about 5,000 rows' worth here.
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
  // Per row beyond the smallest run: what each further row adds, free of the fixed cost (code,
  // connections, caches) that a per-row average of one run would spread over its rows.
  const extraPerRow = (r: MemoryReading) =>
    r === base.reading
      ? ''
      : ((r.midRunBytes - base.reading.midRunBytes) / (r.midRunRows - base.reading.midRunRows)).toFixed(0);
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
      [`held vs ${base.name}`]: `${(reading.midRunBytes / base.reading.midRunBytes).toFixed(2)}x`,
      'bytes per further row': extraPerRow(reading),
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
