import { createHash } from 'node:crypto';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { poolFor, type SqlRunner, sqlRunner } from './db.js';
import { migrateQueueTables } from './schema.js';

/** Any fixed number: the session lock under which pg-boss is installed and its queue created. */
const START_LOCK = 7_211_013;

/** The pg-boss queue every reward job goes through. */
export const REWARD_JOBS = 'huuray-rewards';

/**
 * Where the queue lives: a connection string (the queue makes and ends its own pool) or your `pg` pool
 * (with at least 2 connections), e.g. the one your PostgreSQL ledger uses.
 */
export type QueueConnection =
  | {
      /** `postgres://user:password@host/database`; prefer an environment variable to a flag for it. */
      readonly connectionString: string;
      /** Not with a connection string. */
      readonly pool?: undefined;
      /** Connections of the pool the queue makes. Default 10. */
      readonly maxConnections?: number | undefined;
    }
  | {
      /** Your pool, e.g. the one your PostgreSQL ledger uses; the queue never ends it. */
      readonly pool: pg.Pool;
      /** Not with a pool. */
      readonly connectionString?: undefined;
    };

/** Options of {@link openQueue}. */
export type QueueOptions = QueueConnection & {
  /** The schema pg-boss keeps its jobs in. Default `huuray_pgboss`. */
  readonly bossSchema?: string | undefined;
  /**
   * How often pg-boss looks for jobs whose worker died (their lease ended) to hand them to another.
   * Default 10 s; at least 1 s.
   */
  readonly maintenanceIntervalSeconds?: number | undefined;
  /**
   * A worker's lease on a row and its job. A worker renews it while it works; when a worker dies, its
   * rows become in doubt and its jobs go to another worker once the lease has ended. Default 60 s.
   */
  readonly leaseSeconds?: number | undefined;
};

/**
 * An open reward queue: campaign rows and single rewards as jobs in PostgreSQL (with pg-boss), in the
 * database your ledger uses. Open one per process; `close()` stops pg-boss and ends a pool it made.
 */
export interface HuurayQueue {
  /** @internal the queue's SQL access */
  readonly db: SqlRunner;
  /** @internal the started pg-boss */
  readonly boss: PgBoss;
  /** A worker's lease on a row and its job, in seconds (`leaseSeconds` of {@link QueueOptions}). */
  readonly leaseSeconds: number;
  /** Stops pg-boss and ends the pool the queue made (not one you passed in). */
  close(): Promise<void>;
}

function check(options: QueueOptions): void {
  const issues: { path: string; message: string }[] = [];
  const hasPool = options.pool !== undefined;
  const hasUrl = typeof options.connectionString === 'string' && options.connectionString !== '';
  if (hasPool === hasUrl)
    issues.push({ path: 'connectionString', message: 'give exactly one of connectionString or pool' });
  const interval = options.maintenanceIntervalSeconds;
  if (interval !== undefined && !(Number.isInteger(interval) && interval >= 1 && interval <= 3600)) {
    issues.push({ path: 'maintenanceIntervalSeconds', message: 'must be a whole number of seconds from 1 to 3600' });
  }
  const lease = options.leaseSeconds;
  if (lease !== undefined && !(Number.isInteger(lease) && lease >= 1 && lease <= 86_400)) {
    issues.push({ path: 'leaseSeconds', message: 'must be a whole number of seconds from 1 to 86400' });
  }
  const schema = options.bossSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    issues.push({ path: 'bossSchema', message: 'must be a lower-case SQL identifier' });
  }
  if (issues.length > 0) throw new HuurayValidationError('queue options', issues);
}

/** Opens the queue: creates its tables and pg-boss's schema on first use (idempotent, many processes at once). */
export async function openQueue(options: QueueOptions): Promise<HuurayQueue> {
  check(options);
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? poolFor(options.connectionString, options.maxConnections ?? 10);
  const db = sqlRunner(pool);
  try {
    await migrateQueueTables(db);
    // pg-boss runs its SQL through our pool, so a job can be inserted in the same transaction as the
    // row decision that makes it (see `scheduleRow`).
    const boss = new PgBoss({
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: (await pool.query(text, values)).rows }) },
      schema: options.bossSchema ?? 'huuray_pgboss',
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 10,
      // Completed jobs are only delivery receipts: the row table keeps every outcome.
      archiveCompletedAfterSeconds: 3600,
      schedule: false,
    });
    boss.on('error', () => undefined);
    // pg-boss checks whether its schema exists and then creates it, which two processes starting at
    // once can both do; and createQueue is not safe to race. One session lock serialises both.
    const lock = await pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
      try {
        await boss.start();
        if ((await boss.getQueue(REWARD_JOBS)) === null) {
          await boss.createQueue(REWARD_JOBS, {
            name: REWARD_JOBS,
            policy: 'standard',
            retryLimit: 1000,
            retryDelay: 1,
          });
        }
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [START_LOCK]);
      }
    } finally {
      lock.release();
    }
    return {
      db,
      boss,
      leaseSeconds: options.leaseSeconds ?? 60,
      async close() {
        await boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
        if (ownsPool) await pool.end();
      },
    };
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
}

/**
 * A job id derived from the refId and the row's generation: sending the same job twice inserts it
 * once (pg-boss skips an existing id), which makes enqueueing idempotent by refId.
 */
export function jobId(refId: string, generation: number): string {
  const hex = createHash('sha256').update(`${refId}\u0000${generation}`).digest('hex');
  // Shaped as a version-8 (custom) UUID, which PostgreSQL's uuid type accepts.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The SHA-256 of a token, the only form of it the queue stores. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
