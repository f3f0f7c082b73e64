/**
 * `npm run bench`: every comparison side by side in one run, printed as Markdown tables (median, p99,
 * ratio) and written to bench/results.json with the machine, the Node version and the date. Ratios
 * travel between machines; bare times do not. Set BENCH_QUICK=1 for a short smoke run.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { bulk } from './bulk.js';
import { callCost } from './call-cost.js';
import { catalogueCost } from './catalogue.js';
import { formatTable, goalRatio, type Table } from './harness.js';
import { sandboxBuild } from './sandbox-build.js';
import { signing } from './signing.js';
import { startup } from './startup.js';

const quick = process.env.BENCH_QUICK === '1';
const started = Date.now();
const tables: Table[] = [];
const show = (table: Table) => {
  tables.push(table);
  console.log(`${formatTable(table)}\n`);
};

console.log(`# huuray-client benchmarks${quick ? ' (quick)' : ''}\n`);
show(await callCost(quick ? 200 : 3000));
for (const table of await catalogueCost(quick ? [1000] : [1000, 10_000, 50_000], (size) =>
  // Small catalogues take milliseconds, where one GC pause moves a median of 15: more rounds there.
  quick ? 3 : size >= 50_000 ? 9 : size >= 10_000 ? 25 : 100,
))
  show(table);
for (const table of await startup(quick ? 3 : 15)) show(table);
show(await signing(quick ? 1000 : 20_000));
show(await sandboxBuild(quick ? 2 : 5));
for (const table of await bulk(
  quick ? 50 : 300,
  quick ? 100 : 500,
  quick ? 1 : 3,
  quick ? [200, 2000] : [1000, 10_000],
))
  show(table);

const load = loadavg()[0] ?? 0;
const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine: {
    platform: platform(),
    arch: arch(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: load,
  },
  durationSeconds: Math.round((Date.now() - started) / 1000),
  tables: tables.map((t) => ({
    ...t,
    goals: t.goals.map((g) => ({ ...g, [g.absoluteMs === true ? 'medianMs' : 'ratio']: goalRatio(t, g) })),
  })),
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `machine: ${results.machine.cpus} x ${results.machine.cpuModel}, Node ${process.version}, load ${load.toFixed(2)}; ${results.durationSeconds} s; written to bench/results.json`,
);
