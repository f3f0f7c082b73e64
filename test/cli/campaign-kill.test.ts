import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { campaignDir, prng, writeRecipients } from './campaign-files.js';
import { parseJson, runCli, spawnCli } from './run-cli.js';

// SIGKILL at random points and resume, against the stateful sandbox (started here, so it outlives every
// CLI process) with a few ms of latency on every answer so requests are in flight when a process dies.
const ROWS = 300;
const KILLS = 4;
let sandbox: Sandbox;
let product: string;
let template: string;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 12,
    faults: {
      Order: { rate: 1, kinds: [{ kind: 'latency', ms: 4 }] },
      Search: { rate: 1, kinds: [{ kind: 'latency', ms: 4 }] },
    },
  });
  const found = sandbox.state.products.find((p) => p.currency === 'DKK' && p.active && p.denominations.includes(5000));
  if (!found) throw new Error('seed 12 has no active DKK product with a 50.00 face value');
  product = found.token;
  sandbox.state.setStock(product, 5000, 10_000);
  template = String(sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id);
});
afterAll(() => sandbox.close());

const orderRequests = () => sandbox.state.requestLog.filter((r) => r.operation === 'Order').length;

function doneRecords(journal: string): number {
  if (!existsSync(journal)) return 0;
  return readFileSync(journal, 'utf8').split('"state":"done"').length - 1;
}

describe('huuray campaign run killed with SIGKILL and resumed', () => {
  it(`ends with exactly one order per row of ${ROWS}, and journal, status and report agree`, async () => {
    const dir = campaignDir();
    const file = writeRecipients(dir, ROWS);
    const journal = join(dir, '.huuray', 'kill.jsonl');
    const env = { HUURAY_BASE_URL: sandbox.url, HUURAY_API_TOKEN: sandbox.token, HUURAY_API_SECRET: sandbox.secret };
    // Rows in flight at a kill are searched through the settle window and re-sent only past the
    // quarantine: both in milliseconds here, and longer than the sandbox's 4 ms latency.
    const args = [
      '--settle-delay',
      '20',
      '--quarantine',
      '1',
      'campaign',
      'run',
      file,
      '--name',
      'kill',
      '--product',
      product,
      '--value',
      '50.00',
    ].concat(['--currency', 'DKK', '--template', template, '--yes', '--concurrency', '8']);
    const random = prng(20261122);
    let killed = 0;

    for (let k = 0; k < KILLS; k++) {
      const target = doneRecords(journal) + 15 + Math.floor(random() * 45);
      const child = spawnCli(args, { env, cwd: dir });
      const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
      // No wall-clock deadline: on a busy machine the child is only slower to get there.
      try {
        while (doneRecords(journal) < target && child.exitCode === null) {
          await new Promise((r) => setTimeout(r, 2));
        }
        child.kill('SIGKILL');
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if ((await exited) === 'SIGKILL') killed++;
    }
    expect(killed, 'the runs were killed mid-campaign').toBe(KILLS);
    expect(doneRecords(journal)).toBeLessThan(ROWS);
    const beforeResume = parseJson<{ counts: { pending: number } }>(
      await runCli(['--json', 'campaign', 'status', '--name', 'kill'], { env, cwd: dir }),
    );
    expect(beforeResume.counts.pending, 'rows were in flight when the last run died').toBeGreaterThan(0);

    const final = await runCli(['--json', ...args, '--report', 'report.csv'], { env, cwd: dir });
    expect(final.code, final.stderr).toBe(0);

    // Exactly one stored order per row: no RefID twice, none missing.
    const refIds = sandbox.state.orders().map((o) => o.refId);
    expect(refIds).toHaveLength(ROWS);
    expect(new Set(refIds).size).toBe(ROWS);
    // A killed request may have been stored without an answer; the resume found it by search instead of
    // sending again, so the sandbox saw no more Order requests than rows.
    expect(orderRequests()).toBe(ROWS);

    const report = parseJson<{ counts: Record<string, number>; rows: { refId: string; state: string }[] }>(final);
    expect(report.counts).toMatchObject({ total: ROWS, failed: 0, unknown: 0, pending: 0, notStarted: 0 });
    expect((report.counts.sent ?? 0) + (report.counts.reconciled ?? 0)).toBe(ROWS);
    expect(new Set(report.rows.map((r) => r.refId))).toEqual(new Set(refIds));

    const status = await runCli(['--json', 'campaign', 'status', '--name', 'kill'], { env, cwd: dir });
    expect(status.code, status.stderr).toBe(0);
    expect(parseJson<{ counts: unknown }>(status).counts).toEqual(report.counts);

    const csv = readFileSync(join(dir, 'report.csv'), 'utf8').trim().split('\n').slice(1);
    expect(csv).toHaveLength(ROWS);
    expect(csv.every((line) => /,(sent|reconciled),/.test(line))).toBe(true);
  }, 180_000);
});
