import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { type ReplicaRun, type ReplicaSettings, startReplica } from './replicas.js';

// Issue 10's proofs: separate node processes (test/proof/sender.ts through `Huuray.send`), one sandbox
// in this process and one real PostgreSQL ledger. Counts and rounds are bounded; nothing is timed.
// A replica retries an in-doubt refId once its quarantine is over, as a job queue would retry a job.
let postgres: TestPostgres;
let sandbox: Sandbox;
let productToken: string;
let templateId: number;
const VALUE = 5000;
const REPLICAS = 4;

beforeAll(async () => {
  postgres = await startPostgres();
  sandbox = await startSandbox({ seed: 1010 });
  const product = sandbox.state.products.find(
    (p) => p.currency === 'DKK' && p.active && p.denominations.includes(VALUE),
  );
  if (!product) throw new Error('seed 1010 has no active DKK product with a 50.00 face value');
  productToken = product.token;
  sandbox.state.setStock(productToken, VALUE, 100_000);
  sandbox.state.setBalance('DKK', 1_000_000_000);
  templateId = sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id ?? 0;
});
afterAll(async () => {
  await sandbox?.close();
  await postgres?.stop();
});

async function settings(name: string, count: number, overrides: Partial<ReplicaSettings>): Promise<ReplicaSettings> {
  return {
    baseUrl: sandbox.url,
    token: sandbox.token,
    secret: sandbox.secret,
    ledgerUrl: await postgres.database(name),
    refIds: Array.from({ length: count }, (_, i) => `${name}-${String(i).padStart(3, '0')}`),
    productToken,
    valueMinor: VALUE,
    templateId,
    concurrency: 8,
    // Generous per attempt: four replicas and PostgreSQL share two cores with other work.
    orderTimeoutMs: 10_000,
    settleDelayMs: 30,
    checks: 3,
    quarantineMs: 500,
    maxCalls: 30,
    ...overrides,
  };
}

/** Orders the sandbox stored per refId of the run. */
function ordersPerRefId(s: ReplicaSettings): Map<string, number> {
  const counts = new Map(s.refIds.map((r) => [r, 0]));
  for (const order of sandbox.state.orders()) {
    if (order.refId !== null && counts.has(order.refId)) counts.set(order.refId, (counts.get(order.refId) ?? 0) + 1);
  }
  return counts;
}

const all = (s: ReplicaSettings, seed: number, kill?: (i: number) => number) =>
  Promise.all(Array.from({ length: REPLICAS }, (_, i) => startReplica(s, seed + i, kill?.(i))));

function expectCompleted(runs: readonly ReplicaRun[], s: ReplicaSettings): void {
  for (const run of runs) {
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(run.outcomes ?? {}).sort()).toEqual([...s.refIds].sort());
    expect(Object.values(run.outcomes ?? {}).filter((o) => !['created', 'reconciled', 'existing'].includes(o))).toEqual(
      [],
    );
  }
}

describe('exactly once across processes, through one PostgreSQL ledger', () => {
  it('4 processes send the same 200 refIds at once, with faults on: exactly 200 orders', {
    timeout: 600_000,
  }, async () => {
    sandbox.state.faults.clear();
    sandbox.state.faults.setRate('Order', {
      rate: 0.2,
      kinds: ['drop-after-store', 'error-after-store', 'error-before-store', { kind: 'latency', ms: 20 }],
    });
    sandbox.state.faults.setRate('Search', { rate: 0.05, kinds: [{ kind: 'latency', ms: 10 }] });
    const s = await settings('same200', 200, {});
    const runs = await all(s, 100);
    sandbox.state.faults.clear();
    expectCompleted(runs, s);
    const counts = ordersPerRefId(s);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('processes SIGKILLed mid-order and restarted: exactly one order per refId', { timeout: 600_000 }, async () => {
    sandbox.state.faults.clear();
    // Every order takes a while, so a kill finds requests in flight; some answers are lost as well.
    sandbox.state.faults.setRate('Order', {
      rate: 1,
      kinds: [{ kind: 'latency', ms: 40 }, { kind: 'latency', ms: 40 }, 'drop-after-store'],
    });
    const s = await settings('killed', 120, {});
    let killed = 0;
    for (let round = 0; round < 2; round++) {
      const runs = await all(s, 200 + round * 10, (i) => 10 + ((i * 7 + round * 13) % 25));
      killed += runs.filter((r) => r.signal === 'SIGKILL').length;
    }
    const final = await all(s, 300);
    sandbox.state.faults.clear();
    expect(killed).toBeGreaterThan(0);
    expectCompleted(final, s);
    const counts = ordersPerRefId(s);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
  });

  describe('orders that land up to 3 x the settle window late', () => {
    // The settle window is (checks - 1) x settleDelayMs = 60 ms here; orders land 60, 120 or 180 ms late.
    const lateFaults = () => {
      sandbox.state.faults.clear();
      sandbox.state.faults.setRate('Order', {
        rate: 0.3,
        kinds: [
          { kind: 'land-late', ms: 60 },
          { kind: 'land-late', ms: 120 },
          { kind: 'land-late', ms: 180 },
        ],
      });
    };

    it('zero doubles when the quarantine is longer than the landing delay', { timeout: 600_000 }, async () => {
      lateFaults();
      const s = await settings('late', 100, { quarantineMs: 600 });
      const runs = await all(s, 400);
      sandbox.state.faults.clear();
      expectCompleted(runs, s);
      expect([...ordersPerRefId(s).values()].filter((n) => n !== 1)).toEqual([]);
    });

    it('and the same run with a quarantine shorter than the delay does pay twice: the test can fail', {
      timeout: 600_000,
    }, async () => {
      lateFaults();
      const s = await settings('short', 100, { quarantineMs: 5 });
      await all(s, 500);
      sandbox.state.faults.clear();
      expect([...ordersPerRefId(s).values()].filter((n) => n > 1).length).toBeGreaterThan(0);
    });
  });
});
