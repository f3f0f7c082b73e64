import { sleep } from '../core/retry-policy.js';
import type {
  ClaimResult,
  Ledger,
  LedgerEntry,
  LedgerQuery,
  LedgerState,
  RewardIntent,
  Settlement,
} from '../ledger/types.js';
import { checkClaim, checkRenew, checkSettlement, checkWait, queryStates } from './checks.js';
import { claimStep } from './claim-rule.js';
import { listQuery } from './list-query.js';
import type { PgClient, PgPool, PgQueryable } from './pg-types.js';
import { type EntryRow, type EventRow, type LedgerEvent, toEntry, toEvent } from './rows.js';
import { type LedgerTables, migrationSql } from './schema.js';
import { inTransaction } from './transaction.js';

const NOW = 'clock_timestamp()';
/** The end of a lease of `$n` milliseconds from now, by the database's clock. */
const leaseEnd = (param: string) => `${NOW} + ${param} * interval '1 millisecond'`;

/** How the store reaches its tables. */
export interface PostgresLedgerSettings {
  readonly pool: PgPool;
  readonly tables: LedgerTables;
  /** End the pool on `close()`: only when the ledger created it. */
  readonly ownsPool: boolean;
  /** Create the tables on first use. */
  readonly autoMigrate: boolean;
  /** How often `wait` looks at an entry held by someone else. */
  readonly pollIntervalMs: number;
}

/**
 * The `Ledger` on PostgreSQL, for several processes or machines. Every claim is one transaction: an
 * `INSERT ... ON CONFLICT DO NOTHING` creates a new entry, otherwise `SELECT ... FOR UPDATE` locks the
 * existing row and the claim rules decide on it, so two processes can never both get `claimed`. Lease
 * times come from the database's clock. Every change of state is also appended to `<table>_events`.
 */
export class PostgresLedger implements Ledger {
  readonly #pool: PgPool;
  readonly #t: LedgerTables;
  readonly #settings: PostgresLedgerSettings;
  #ready: Promise<void> | null = null;
  #closed = false;

  constructor(settings: PostgresLedgerSettings) {
    this.#pool = settings.pool;
    this.#t = settings.tables;
    this.#settings = settings;
  }

  /** Creates the tables if they do not exist, under an advisory lock; safe to call from many processes at once. */
  async migrate(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.#t.lockKey]);
      for (const statement of migrationSql({ schema: this.#t.schema, table: this.#t.table })) {
        await client.query(statement);
      }
    }, false);
  }

  async claim(
    refId: string,
    fingerprint: string,
    intent: RewardIntent,
    holder: string,
    leaseMs: number,
  ): Promise<ClaimResult> {
    checkClaim(refId, fingerprint, holder, leaseMs);
    return this.#transaction(async (client) => {
      const inserted = await client.query<EntryRow>(
        `INSERT INTO ${this.#t.entries} (ref_id, fingerprint, intent, state, holder, lease_until, created_at, updated_at)
         VALUES ($1, $2, $3, 'in-flight', $4, ${leaseEnd('$5')}, ${NOW}, ${NOW})
         ON CONFLICT (ref_id) DO NOTHING RETURNING *`,
        [refId, fingerprint, JSON.stringify(intent), holder, leaseMs],
      );
      const created = inserted.rows[0];
      if (created !== undefined) {
        await this.#event(client, created);
        return { kind: 'claimed', entry: toEntry(created), previous: null };
      }
      const locked = await client.query<EntryRow & { db_now: Date }>(
        `SELECT *, ${NOW} AS db_now FROM ${this.#t.entries} WHERE ref_id = $1 FOR UPDATE`,
        [refId],
      );
      const row = locked.rows[0];
      if (row === undefined) throw new Error(`ledger: the entry of ${refId} vanished during a claim`);
      const step = claimStep(row, fingerprint, row.db_now);
      if (step.kind === 'answer') return { kind: step.answer, entry: toEntry(row) };
      if (step.leaseEnded) await this.#expire(client, refId);
      const taken = await client.query<EntryRow>(
        `UPDATE ${this.#t.entries}
         SET fingerprint = $2, intent = $3, state = 'in-flight', holder = $4, lease_until = ${leaseEnd('$5')},
             order_uid = NULL, reason = CASE WHEN state = 'refused' THEN NULL ELSE reason END, updated_at = ${NOW}
         WHERE ref_id = $1 RETURNING *`,
        [refId, fingerprint, JSON.stringify(intent), holder, leaseMs],
      );
      const entry = taken.rows[0];
      if (entry === undefined) throw new Error(`ledger: the entry of ${refId} vanished during a claim`);
      await this.#event(client, entry);
      return { kind: 'claimed', entry: toEntry(entry), previous: step.previous };
    });
  }

  async renew(refId: string, holder: string, leaseMs: number): Promise<boolean> {
    checkRenew(refId, holder, leaseMs);
    return this.#transaction(async (client) => {
      // A lease that ran out may still be renewed while nobody has taken the refId over: nothing
      // else has happened to it, and the holder is still the one placing the order.
      const renewed = await client.query(
        `UPDATE ${this.#t.entries} SET lease_until = ${leaseEnd('$3')}, updated_at = ${NOW}
         WHERE ref_id = $1 AND state = 'in-flight' AND holder = $2`,
        [refId, holder, leaseMs],
      );
      return (renewed.rowCount ?? 0) > 0;
    });
  }

  /**
   * Records the holder's outcome. From anyone who no longer holds the refId (its lease ran out and
   * another took over), only `done` is recorded, since an order that exists must never be forgotten;
   * its `refused` or `in-doubt` is dropped so as not to disturb the current holder. A `refused` for an
   * entry that has been in doubt is recorded as `in-doubt`: an earlier attempt may have landed.
   */
  async settle(refId: string, holder: string, settlement: Settlement): Promise<void> {
    checkSettlement('ledger settlement', refId, settlement);
    await this.#transaction(async (client) => {
      const row = await this.#lock(client, refId);
      if (row === null) throw new RangeError(`ledger: ${refId} was never claimed, so it cannot be settled`);
      const holds = row.state === 'in-flight' && row.holder === holder;
      if (!holds && !(settlement.state === 'done' && row.state !== 'done')) return;
      await this.#apply(client, row, settlement);
    });
  }

  /**
   * Settles what a resolver learned. `done` is always recorded (the order exists). `refused` and
   * `in-doubt` leave alone an entry that is done or held under a live lease. Unknown refIds are ignored.
   */
  async resolve(refId: string, settlement: Settlement): Promise<void> {
    checkSettlement('ledger resolution', refId, settlement);
    await this.#transaction(async (client) => {
      await this.#expire(client, refId);
      const row = await this.#lock(client, refId);
      if (row === null || row.state === 'done') return;
      if (settlement.state !== 'done' && row.state === 'in-flight') return;
      await this.#apply(client, row, settlement);
    });
  }

  async get(refId: string): Promise<LedgerEntry | null> {
    return this.#transaction(async (client) => {
      await this.#expire(client, refId);
      const { rows } = await client.query<EntryRow>(`SELECT * FROM ${this.#t.entries} WHERE ref_id = $1`, [refId]);
      return rows[0] === undefined ? null : toEntry(rows[0]);
    });
  }

  /** Entries by refId order. In-flight entries whose lease ended are turned in doubt first. */
  async list(query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    const states = queryStates(query);
    return this.#transaction(async (client) => {
      await this.#expire(client, null);
      const { sql, values } = listQuery(this.#t, states, query.refIdPrefix, query.limit);
      const { rows } = await client.query<EntryRow>(sql, values);
      return rows.map(toEntry);
    });
  }

  /** Every recorded change of `refId`'s state, oldest first. */
  async history(refId: string): Promise<LedgerEvent[]> {
    return this.#transaction(async (client) => {
      const { rows } = await client.query<EventRow>(
        `SELECT ref_id, state, holder, order_uid, reason, at FROM ${this.#t.events} WHERE ref_id = $1 ORDER BY id`,
        [refId],
      );
      return rows.map(toEvent);
    });
  }

  /**
   * Polls the entry (one primary-key read per `pollIntervalMs`) until it is settled, changes hands,
   * its lease ends by the database's clock, or `maxWaitMs` passes. Polling rather than LISTEN/NOTIFY
   * keeps the store on ordinary pooled connections (LISTEN needs a session of its own for the whole
   * wait and does not work behind a transaction-mode pooler such as PgBouncer), and a waiter only
   * exists while another process is placing that very refId, so the reads stay few.
   */
  async wait(refId: string, maxWaitMs: number, signal?: AbortSignal): Promise<void> {
    checkWait(refId, maxWaitMs);
    signal?.throwIfAborted();
    const started = Date.now();
    let seen: string | null = null;
    for (;;) {
      const { rows } = await this.#query<{ state: LedgerState; stamp: string; left_ms: number | null }>(
        `SELECT state, holder || ' ' || updated_at::text AS stamp,
                (extract(epoch from lease_until - ${NOW}) * 1000)::float8 AS left_ms
         FROM ${this.#t.entries} WHERE ref_id = $1`,
        [refId],
      );
      const row = rows[0];
      if (row === undefined || row.state !== 'in-flight' || row.left_ms === null || row.left_ms <= 0) return;
      if (seen !== null && row.stamp !== seen) return;
      seen = row.stamp;
      const remaining = maxWaitMs - (Date.now() - started);
      if (remaining <= 0) return;
      await sleep(Math.max(1, Math.min(this.#settings.pollIntervalMs, remaining, Math.ceil(row.left_ms))), signal);
    }
  }

  /** Ends the pool if the ledger created it; a pool you passed in stays yours to end. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#settings.ownsPool) await this.#pool.end();
  }

  toString(): string {
    return `PostgresLedger { ${this.#t.entries} }`;
  }

  async #apply(client: PgClient, row: EntryRow, settlement: Settlement): Promise<void> {
    const wasInDoubt = row.in_doubt_since !== null || row.state === 'in-doubt';
    const effective: Settlement =
      settlement.state === 'refused' && wasInDoubt
        ? { state: 'in-doubt', reason: `refused after an earlier attempt was in doubt: ${settlement.reason}` }
        : settlement;
    const updated = await client.query<EntryRow>(
      `UPDATE ${this.#t.entries}
       SET state = $2, order_uid = $3, reason = $4, holder = NULL, lease_until = NULL, updated_at = ${NOW},
           in_doubt_since = CASE WHEN $2 = 'in-doubt'
             THEN COALESCE(to_timestamp($5::float8 / 1000), in_doubt_since, ${NOW})
             ELSE NULL END
       WHERE ref_id = $1 RETURNING *`,
      [
        row.ref_id,
        effective.state,
        effective.state === 'done' ? effective.orderUid : null,
        effective.state === 'done' ? null : effective.reason,
        // The holder's own time of its latest attempt that may have landed: the quarantine runs from it.
        effective.state === 'in-doubt' ? (effective.since ?? null) : null,
      ],
    );
    const entry = updated.rows[0];
    if (entry !== undefined) await this.#event(client, entry);
  }

  /** Turns in-flight entries whose lease ended (one refId, or all) into in-doubt entries since the lease's end. */
  async #expire(client: PgClient, refId: string | null): Promise<void> {
    await client.query(
      `WITH expired AS (
         UPDATE ${this.#t.entries}
         SET state = 'in-doubt', in_doubt_since = COALESCE(in_doubt_since, lease_until),
             reason = 'the lease of ' || holder || ' ended before it settled', holder = NULL, lease_until = NULL,
             updated_at = ${NOW}
         WHERE state = 'in-flight' AND lease_until <= ${NOW} AND ($1::text IS NULL OR ref_id = $1)
         RETURNING ref_id, reason, in_doubt_since)
       INSERT INTO ${this.#t.events} (ref_id, state, holder, order_uid, reason, at)
       SELECT ref_id, 'in-doubt', NULL, NULL, reason, in_doubt_since FROM expired`,
      [refId],
    );
  }

  async #lock(client: PgClient, refId: string): Promise<EntryRow | null> {
    const { rows } = await client.query<EntryRow>(`SELECT * FROM ${this.#t.entries} WHERE ref_id = $1 FOR UPDATE`, [
      refId,
    ]);
    return rows[0] ?? null;
  }

  async #event(client: PgQueryable, entry: EntryRow): Promise<void> {
    await client.query(
      `INSERT INTO ${this.#t.events} (ref_id, state, holder, order_uid, reason, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.ref_id, entry.state, entry.holder, entry.order_uid, entry.reason, entry.updated_at],
    );
  }

  async #query<R>(sql: string, values: unknown[]): Promise<{ rows: R[] }> {
    await this.#prepare();
    return this.#pool.query<R>(sql, values);
  }

  async #transaction<T>(body: (client: PgClient) => Promise<T>, migrateFirst = true): Promise<T> {
    if (migrateFirst) await this.#prepare();
    else if (this.#closed) throw new Error('ledger: this PostgreSQL ledger was closed');
    return inTransaction(this.#pool, body);
  }

  #prepare(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('ledger: this PostgreSQL ledger was closed'));
    if (!this.#settings.autoMigrate) return Promise.resolve();
    this.#ready ??= this.migrate().catch((error: unknown) => {
      this.#ready = null; // a failed migration is tried again by the next call, not remembered
      throw error;
    });
    return this.#ready;
  }
}
