import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HuurayValidationError } from '../../src/core/errors/validation-error.js';
import { migrate, migrationSql, type PostgresLedger, postgresLedger } from '../../src/postgres/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { fingerprintOf, intentOf } from '../ledger/ledger-contract-real-clock.js';

// What the PostgreSQL store promises beyond the Ledger contract: its own tables and migration, the
// database's clock for leases, a history of every change, and safety rules for late or odd settlements.
let postgres: TestPostgres;
let url: string;
const open: PostgresLedger[] = [];
const intent = intentOf();
const fp = fingerprintOf(intent);
const table = () => `t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

function ledger(options: Partial<Parameters<typeof postgresLedger>[0]> = {}): PostgresLedger {
  const made = postgresLedger({ connectionString: url, table: table(), ...options } as Parameters<
    typeof postgresLedger
  >[0]);
  open.push(made);
  return made;
}

beforeAll(async () => {
  postgres = await startPostgres();
  url = await postgres.database('store');
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((l) => l.close()));
});
afterAll(() => postgres?.stop());

describe('postgresLedger: tables and options', () => {
  it('creates its tables on first use, in a schema of your choice, idempotently from many processes at once', async () => {
    const name = table();
    const many = Array.from({ length: 6 }, () => ledger({ schema: 'rewards', table: name }));
    await Promise.all(many.map((l, i) => l.claim(`ref-${i}`, fp, intent, `holder-${i}`, 60_000)));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'rewards' ORDER BY table_name",
      );
      expect(rows.map((r) => r.table_name)).toEqual([name, `${name}_events`]);
      const columns = await client.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
        [name],
      );
      // Nothing that could hold a code or a credential: the intent is product, value, currency,
      // quantity, template and a digest of the recipients.
      expect(columns.rows.map((c) => c.column_name).sort()).toEqual(
        [
          'created_at',
          'fingerprint',
          'holder',
          'in_doubt_since',
          'intent',
          'lease_until',
          'order_uid',
          'reason',
          'ref_id',
          'state',
          'updated_at',
        ].sort(),
      );
    } finally {
      await client.end();
    }
    expect(await many[0]?.list()).toHaveLength(6);
  });

  it('migrate() prepares the tables for a role without DDL rights, and autoMigrate: false relies on it', async () => {
    const name = table();
    const unprepared = ledger({ table: name, autoMigrate: false });
    await expect(unprepared.get('x')).rejects.toThrow(/does not exist/);
    await migrate({ connectionString: url, table: name });
    await migrate({ connectionString: url, table: name });
    expect(await unprepared.get('x')).toBeNull();
    expect(migrationSql({ table: name }).every((s) => s.includes('IF NOT EXISTS'))).toBe(true);
  });

  it('refuses bad options with HuurayValidationError naming the field, before connecting', () => {
    const fields = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        expect(error).toBeInstanceOf(HuurayValidationError);
        return (error as HuurayValidationError).issues.map((i) => i.path);
      }
      throw new Error('expected a validation error');
    };
    expect(fields(() => postgresLedger({ connectionString: url, table: 'x"; DROP TABLE y; --' }))).toEqual(['table']);
    expect(fields(() => postgresLedger({ connectionString: url, schema: 'Rewards' }))).toEqual(['schema']);
    expect(fields(() => postgresLedger({ connectionString: url, pollIntervalMs: 0 }))).toEqual(['pollIntervalMs']);
    expect(fields(() => postgresLedger({ connectionString: '' }))).toEqual(['connectionString']);
  });

  it('refuses bad arguments to its methods with HuurayValidationError, before any query', async () => {
    const l = ledger();
    await expect(l.claim('', fp, intent, 'h', 1000)).rejects.toBeInstanceOf(HuurayValidationError);
    await expect(l.claim('r', fp, intent, 'h', 0.5)).rejects.toThrow(/leaseMs/);
    await expect(l.settle('r', 'h', { state: 'done', orderUid: '' })).rejects.toThrow(/orderUid/);
    await expect(l.list({ state: 'lost' as 'done' })).rejects.toThrow(/state/);
    await expect(l.list({ limit: 0 })).rejects.toThrow(/limit/);
  });

  it('uses a pg pool you pass in, and leaves it open on close()', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const mine = postgresLedger({ pool, table: table() });
      expect((await mine.claim('ref-pool', fp, intent, 'h', 60_000)).kind).toBe('claimed');
      await mine.close();
      expect((await pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
      await expect(mine.get('ref-pool')).rejects.toThrow(/closed/);
    } finally {
      await pool.end();
    }
  });

  it('shows neither the connection string nor its password when printed', () => {
    const l = ledger();
    const password = new URL(url).password;
    expect(String(l)).not.toContain(password);
    expect(JSON.stringify(l)).not.toContain(password);
  });
});

describe('postgresLedger: clocks, history and late settlements', () => {
  it('runs leases on the database clock: a process whose clock is an hour ahead still sees a live lease', async () => {
    const l = ledger();
    await l.claim('ref-clock', fp, intent, 'holder-a', 60_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    expect((await l.claim('ref-clock', fp, intent, 'holder-b', 60_000)).kind).toBe('held');
    vi.useRealTimers();
    const entry = await l.get('ref-clock');
    expect((entry?.leaseUntil ?? 0) - (entry?.updatedAt ?? 0)).toBeGreaterThanOrEqual(59_999);
  });

  it('keeps the time of every change of state in the history, the lease end included', async () => {
    const l = ledger();
    const first = await l.claim('ref-h', fp, intent, 'crashed', 30);
    await delay(90);
    await l.claim('ref-h', fp, intent, 'holder-b', 60_000);
    await l.settle('ref-h', 'holder-b', { state: 'in-doubt', reason: 'search found nothing yet' });
    await l.resolve('ref-h', { state: 'done', orderUid: 'ord-h' });
    const history = await l.history('ref-h');
    expect(history.map((e) => [e.state, e.holder])).toEqual([
      ['in-flight', 'crashed'],
      ['in-doubt', null],
      ['in-flight', 'holder-b'],
      ['in-doubt', null],
      ['done', null],
    ]);
    expect(history[1]?.at).toBe(first.entry.leaseUntil);
    expect(history[4]?.orderUid).toBe('ord-h');
    const times = history.map((e) => e.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('lists an in-flight entry whose lease ended as in doubt since the lease end, so a resolver finds it', async () => {
    const l = ledger();
    const crashed = await l.claim('ref-dead', fp, intent, 'killed', 30);
    await l.claim('ref-live', fp, intent, 'alive', 60_000);
    await delay(90);
    const inDoubt = await l.list({ state: 'in-doubt' });
    expect(inDoubt.map((e) => e.refId)).toEqual(['ref-dead']);
    expect(inDoubt[0]).toMatchObject({ holder: null, leaseUntil: null, inDoubtSince: crashed.entry.leaseUntil });
    expect((await l.list({ state: 'in-flight' })).map((e) => e.refId)).toEqual(['ref-live']);
  });

  it('records a late done from a holder whose lease ran out: an order that exists is never forgotten', async () => {
    const l = ledger();
    await l.claim('ref-late', fp, intent, 'slow', 30);
    await delay(90);
    await l.claim('ref-late', fp, intent, 'holder-b', 60_000);
    await l.settle('ref-late', 'slow', { state: 'done', orderUid: 'ord-late' });
    expect(await l.get('ref-late')).toMatchObject({ state: 'done', orderUid: 'ord-late', holder: null });
  });

  it('records a refusal after an in-doubt attempt as in-doubt: the earlier attempt may have landed', async () => {
    const l = ledger();
    await l.claim('ref-r', fp, intent, 'a', 60_000);
    await l.settle('ref-r', 'a', { state: 'in-doubt', reason: 'lost answer' });
    await l.claim('ref-r', fp, intent, 'b', 60_000);
    await l.settle('ref-r', 'b', { state: 'refused', reason: 'No Giftcard left' });
    const entry = await l.get('ref-r');
    expect(entry).toMatchObject({ state: 'in-doubt' });
    expect(entry?.reason).toContain('No Giftcard left');
  });

  it('resolve leaves a live holder alone unless it learned the order is done', async () => {
    const l = ledger();
    await l.claim('ref-live', fp, intent, 'a', 60_000);
    await l.resolve('ref-live', { state: 'in-doubt', reason: 'resolver' });
    expect((await l.get('ref-live'))?.state).toBe('in-flight');
    await l.resolve('ref-live', { state: 'done', orderUid: 'ord-live' });
    expect((await l.get('ref-live'))?.state).toBe('done');
    await l.resolve('ref-unknown', { state: 'done', orderUid: 'ord-x' });
    expect(await l.get('ref-unknown')).toBeNull();
  });

  it('four ledgers with their own pools, 25 refIds claimed by all at once: one claim per refId', async () => {
    const name = table();
    const processes = Array.from({ length: 4 }, () => ledger({ table: name, maxConnections: 4 }));
    const refIds = Array.from({ length: 25 }, (_, i) => `ref-${i}`);
    const results = await Promise.all(
      processes.flatMap((l, p) => refIds.map((r) => l.claim(r, fp, intent, `process-${p}`, 60_000))),
    );
    const claimed = results.filter((r) => r.kind === 'claimed').map((r) => r.entry.refId);
    expect(claimed.sort()).toEqual([...refIds].sort());
    expect(results.filter((r) => r.kind === 'held')).toHaveLength(75);
  });
});
