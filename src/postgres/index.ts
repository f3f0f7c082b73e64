/**
 * huuray-client/postgres: the reward ledger on PostgreSQL, so that several processes or machines
 * sending rewards never place one refId twice. Needs the optional peer dependency `pg`.
 *
 * @example
 * // Huuray from 'huuray-client', postgresLedger from 'huuray-client/postgres'
 * const ledger = postgresLedger({ connectionString: process.env.DATABASE_URL! });
 * const huuray = new Huuray({ token, secret, ledger });
 * @packageDocumentation
 */
import pg from 'pg';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import type { PgPool } from './pg-types.js';
import { PostgresLedger } from './postgres-ledger.js';
import { type LedgerTableOptions, ledgerTables } from './schema.js';

export type { PgClient, PgPool, PgQueryable } from './pg-types.js';
export type { PostgresLedger } from './postgres-ledger.js';
export type { LedgerEvent } from './rows.js';
export { type LedgerTableOptions, migrationSql } from './schema.js';

/** Where the ledger connects: a connection string (the ledger makes and ends its own pool) or your `pg` pool. */
export type PostgresConnection =
  | { readonly connectionString: string; readonly pool?: undefined; readonly maxConnections?: number | undefined }
  | { readonly pool: PgPool; readonly connectionString?: undefined };

/** Options of {@link postgresLedger}. */
export type PostgresLedgerOptions = PostgresConnection &
  LedgerTableOptions & {
    /**
     * Create the tables on first use (default `true`), idempotently under an advisory lock. Set `false`
     * when the application's role may not run DDL, and run {@link migrate} or {@link migrationSql} once.
     */
    readonly autoMigrate?: boolean | undefined;
    /** How often `wait` reads an entry another process holds. Default 100 ms. */
    readonly pollIntervalMs?: number | undefined;
  };

function checked(options: PostgresLedgerOptions): { pool: PgPool; ownsPool: boolean } {
  const issues: { path: string; message: string }[] = [];
  const hasPool = options.pool !== undefined;
  const hasUrl = typeof options.connectionString === 'string' && options.connectionString !== '';
  if (hasPool === hasUrl)
    issues.push({ path: 'connectionString', message: 'give exactly one of connectionString or pool' });
  const poll = options.pollIntervalMs;
  if (poll !== undefined && !(Number.isInteger(poll) && poll >= 1 && poll <= 60_000)) {
    issues.push({ path: 'pollIntervalMs', message: 'must be a whole number of milliseconds from 1 to 60000' });
  }
  const max = options.pool === undefined ? options.maxConnections : undefined;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 1000)) {
    issues.push({ path: 'maxConnections', message: 'must be a whole number from 1 to 1000' });
  }
  if (issues.length > 0) throw new HuurayValidationError('PostgreSQL ledger options', issues);
  if (options.pool !== undefined) return { pool: options.pool, ownsPool: false };
  const pool = new pg.Pool({ connectionString: options.connectionString, max: max ?? 10 });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return { pool: pool as unknown as PgPool, ownsPool: true };
}

/**
 * A `Ledger` on PostgreSQL, for `new Huuray({ ..., ledger })`. Claims are transactions with row
 * locks, leases run on the database's clock, and every change of state is kept in `<table>_events`.
 * It stores no secret and no voucher code. `close()` ends the pool it made (not one you passed in).
 */
export function postgresLedger(options: PostgresLedgerOptions): PostgresLedger {
  const tables = ledgerTables(options);
  const { pool, ownsPool } = checked(options);
  return new PostgresLedger({
    pool,
    tables,
    ownsPool,
    autoMigrate: options.autoMigrate ?? true,
    pollIntervalMs: options.pollIntervalMs ?? 100,
  });
}

/**
 * Creates the ledger's tables if they do not exist (idempotent, under an advisory lock, so many
 * processes may call it at once), then releases its connection. For deployments whose application
 * role may not run DDL: run this once with an owner's connection, and give `autoMigrate: false`.
 */
export async function migrate(options: PostgresConnection & LedgerTableOptions): Promise<void> {
  const ledger = postgresLedger({ ...options, autoMigrate: false });
  try {
    await ledger.migrate();
  } finally {
    await ledger.close();
  }
}
