import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Huuray,
  reconciliationReport,
  reportCsv,
  reportJson,
  resolveLedger,
  type SendInput,
} from '../../src/index.js';
import { fingerprintIntent, recipientsDigest } from '../../src/ledger/fingerprint.js';
import { MemoryLedger } from '../../src/ledger/memory-ledger.js';
import type { RewardIntent } from '../../src/ledger/types.js';
import { type PostgresLedger, postgresLedger } from '../../src/postgres/index.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

// The resolver against the stateful sandbox and a real PostgreSQL ledger: found orders are recorded
// done, the rest stay in doubt until the quarantine, and a re-send happens only when asked.
let postgres: TestPostgres;
let sandbox: Sandbox;
let huuray: Huuray;
let url: string;
let productToken: string;
let templateId: number;
const VALUE = 5000;

beforeAll(async () => {
  postgres = await startPostgres();
  url = await postgres.database('resolver');
  sandbox = await startSandbox({ seed: 31 });
  huuray = fastHuuray(sandbox.url, { token: sandbox.token, secret: sandbox.secret, orderTimeoutMs: 60_000 });
  const product = sandbox.state.products.find(
    (p) => p.currency === 'DKK' && p.active && p.denominations.includes(VALUE),
  );
  if (!product) throw new Error('seed 31 has no active DKK product with a 50.00 face value');
  productToken = product.token;
  sandbox.state.setStock(productToken, VALUE, 1000);
  templateId = sandbox.state.account().templates.find((t) => t.Type === 'Email')?.Id ?? 0;
});
afterAll(async () => {
  await sandbox?.close();
  await postgres?.stop();
});

const ordersFor = (refId: string) => sandbox.state.orders().filter((o) => o.refId === refId).length;

function sendInput(refId: string): SendInput {
  return {
    productToken,
    valueMinor: VALUE,
    currency: 'DKK',
    templateId,
    recipient: { name: 'Ada', email: `${refId}@example.com` },
    refId,
  };
}

/** The intent and fingerprint `send(sendInput(refId))` records, so a re-send through the ledger matches it. */
async function claimOf(refId: string): Promise<{ intent: RewardIntent; fingerprint: string }> {
  const digest = await recipientsDigest([{ name: 'Ada', email: `${refId}@example.com` }]);
  const intent = {
    productToken,
    valueMinor: VALUE,
    currency: 'DKK',
    quantity: 1,
    templateId,
    recipientsDigest: digest,
  };
  return { intent, fingerprint: await fingerprintIntent(intent) };
}

/** A refId left in doubt by a crashed process, `ageMs` ago (the store keeps the earliest time it is told). */
async function inDoubt(ledger: PostgresLedger, refId: string, ageMs = 0): Promise<void> {
  const { intent, fingerprint } = await claimOf(refId);
  await ledger.claim(refId, fingerprint, intent, 'crashed', 60_000);
  await ledger.settle(refId, 'crashed', { state: 'in-doubt', reason: 'order timed out', since: Date.now() - ageMs });
}

// The quarantine is the default ten minutes; "stale" refIds were put in doubt eleven minutes ago.
const QUARANTINE = 600_000;
const STALE = 660_000;

describe('resolveLedger', () => {
  it('settles what a search finds, quarantines the rest, and re-sends past the quarantine only when asked', async () => {
    const ledger = postgresLedger({ connectionString: url, table: `r_${randomUUID().slice(0, 8)}` });
    try {
      const p = `res-${randomUUID().slice(0, 8)}-`;
      const [landed, fresh, stale, crashed, done] = ['landed', 'fresh', 'stale', 'crashed', 'done'].map((s) => p + s);
      await inDoubt(ledger, landed as string);
      await inDoubt(ledger, stale as string, STALE);
      // An order that landed although its answer was lost, and a process that died mid-order after placing one.
      await huuray.orders.create({ ...orderOf(landed as string), sync: true });
      const c = await claimOf(crashed as string);
      await ledger.claim(crashed as string, c.fingerprint, c.intent, 'killed', 30); // its lease ends in 30 ms
      await huuray.orders.create({ ...orderOf(crashed as string), sync: true });
      const d = await claimOf(done as string);
      await ledger.claim(done as string, d.fingerprint, d.intent, 'a', 60_000);
      await ledger.settle(done as string, 'a', { state: 'done', orderUid: 'ord-done' });
      await inDoubt(ledger, fresh as string);
      await delay(60); // the crashed process's lease has ended

      const first = await resolveLedger(huuray, ledger, { quarantineMs: QUARANTINE, refIdPrefix: p });
      const actions = Object.fromEntries(first.map((r) => [r.refId, r.action]));
      expect(actions).toEqual({
        [landed as string]: 'found',
        [crashed as string]: 'found',
        [fresh as string]: 'quarantined',
        [stale as string]: 'resendable',
      });
      expect((await ledger.get(landed as string))?.state).toBe('done');
      expect((await ledger.get(crashed as string))?.orderUid).toBe(
        sandbox.state.orders().find((o) => o.refId === crashed)?.orderUID,
      );
      expect(ordersFor(stale as string)).toBe(0);

      // The re-sending client shares the ledger, so its send claims the refId and searches once more first.
      const wired = fastHuuray(sandbox.url, {
        token: sandbox.token,
        secret: sandbox.secret,
        orderTimeoutMs: 60_000,
        ledger,
        reconcile: { settleDelayMs: 20 },
      });
      const resent: string[] = [];
      const second = await resolveLedger(huuray, ledger, {
        quarantineMs: QUARANTINE,
        refIdPrefix: p,
        resend: (entry) => {
          resent.push(entry.refId);
          return wired.send(sendInput(entry.refId));
        },
      });
      expect(resent).toEqual([stale]); // never `fresh`: it is inside its quarantine
      expect(second.find((r) => r.refId === stale)?.detail ?? null).toBeNull();
      expect(second.find((r) => r.refId === stale)?.action).toBe('resent');
      expect(ordersFor(stale as string)).toBe(1);
      expect(ordersFor(fresh as string)).toBe(0);
      expect((await ledger.get(stale as string))?.state).toBe('done');

      const report = reconciliationReport(await ledger.list({ refIdPrefix: p }), second, { quarantineMs: QUARANTINE });
      expect(report.counts).toEqual({ done: 4, 'in-doubt': 1, refused: 0, 'in-flight': 0 });
      expect(report.done).toEqual([{ currency: 'DKK', amountMinor: 4 * VALUE, amount: '200.00' }]);
      const freshRow = report.rows.find((r) => r.refId === fresh);
      expect(freshRow).toMatchObject({ state: 'in-doubt', orderUid: null, amount: '50.00', action: 'quarantined' });
      expect(Date.parse(freshRow?.resendableAt ?? '') - Date.parse(freshRow?.inDoubtSince ?? '')).toBe(QUARANTINE);
    } finally {
      await ledger.close();
    }
  });

  it('with the memory store too, an in-flight refId whose lease ran out is searched and settled', async () => {
    const memory = new MemoryLedger();
    const [gone, landed] = [`mem-gone-${randomUUID().slice(0, 8)}`, `mem-landed-${randomUUID().slice(0, 8)}`];
    for (const refId of [gone, landed]) {
      const c = await claimOf(refId);
      await memory.claim(refId, c.fingerprint, c.intent, 'killed', 20);
    }
    await huuray.orders.create({ ...orderOf(landed), sync: true });
    await delay(60);
    const lines = await resolveLedger(huuray, memory, { quarantineMs: QUARANTINE });
    expect(Object.fromEntries(lines.map((l) => [l.refId, [l.action, l.entry.state]]))).toEqual({
      [gone]: ['quarantined', 'in-doubt'],
      [landed]: ['found', 'done'],
    });
  });

  it('leaves a refId in doubt when the search fails or answers for another RefID', async () => {
    const ledger = postgresLedger({ connectionString: url, table: `r_${randomUUID().slice(0, 8)}` });
    try {
      const refId = `fail-${randomUUID().slice(0, 8)}`;
      await inDoubt(ledger, refId);
      sandbox.state.faults.next('Search', 'error-before-store', 10);
      const [line] = await resolveLedger(huuray, ledger, {
        quarantineMs: 0,
        refIdPrefix: refId,
        resend: async () => {
          throw new Error('must not re-send when the search failed');
        },
      });
      sandbox.state.faults.clear();
      expect(line).toMatchObject({ action: 'search-failed', entry: { state: 'in-doubt' } });
      expect(ordersFor(refId)).toBe(0);
    } finally {
      sandbox.state.faults.clear();
      await ledger.close();
    }
  });
});

function orderOf(refId: string) {
  return {
    productToken,
    valueMinor: VALUE,
    currency: 'DKK',
    quantity: 1,
    templateId,
    recipients: [{ name: 'Ada', email: `${refId}@example.com` }],
    refId,
  };
}

describe('the reconciliation report', () => {
  const entry = (refId: string, currency: string, valueMinor: number, quantity = 1) => ({
    refId,
    fingerprint: 'f',
    intent: { productToken: 'p', valueMinor, currency, quantity, templateId: null, recipientsDigest: null },
    state: 'done' as const,
    holder: null,
    leaseUntil: null,
    orderUid: `ord-${refId}`,
    reason: null,
    inDoubtSince: null,
    createdAt: 0,
    updatedAt: 1_700_000_000_000,
  });

  it('writes CSV a spreadsheet reads back exactly, with formulas defused and amounts in decimals', () => {
    const report = reconciliationReport([
      entry('=HYPERLINK("http://x","pay")', 'DKK', 5025, 2),
      entry('plain,with "quotes"', 'JPY', 500),
      entry('kwd', 'KWD', 1234),
    ]);
    const rows = parse(reportCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.refId, r.amount, r.amountMinor, r.orderUid])).toEqual([
      ['\'=HYPERLINK("http://x","pay")', '100.50', '10050', 'ord-=HYPERLINK("http://x","pay")'],
      ['plain,with "quotes"', '500', '500', 'ord-plain,with "quotes"'],
      ['kwd', '1.234', '1234', 'ord-kwd'],
    ]);
    expect(report.done.map((d) => `${d.currency} ${d.amount}`)).toEqual(['DKK 100.50', 'JPY 500', 'KWD 1.234']);
    expect(JSON.parse(reportJson(report)).rows).toHaveLength(3);
  });
});
