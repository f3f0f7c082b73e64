import type { SqlRunner } from './db.js';

/**
 * The queue's own tables, beside pg-boss's: one row per reward (its state is the truth a worker acts
 * on; a pg-boss job only says "look at this row now"), one per campaign (its budget is reserved here),
 * and the rate governor's per-token window. Recipients are kept because a worker needs them to send;
 * no token, secret or voucher code is ever stored (tokens appear only as SHA-256 digests).
 */
export const QUEUE_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS huuray_campaigns (
  name text PRIMARY KEY,
  budget_minor bigint,
  budget_currency text,
  reserved_minor bigint NOT NULL DEFAULT 0,
  min_balance_minor bigint,
  paused_reason text,
  paused_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS huuray_campaign_rows (
  ref_id text PRIMARY KEY,
  campaign text NOT NULL REFERENCES huuray_campaigns (name),
  line integer,
  reward jsonb NOT NULL,
  fingerprint text NOT NULL,
  value_minor bigint NOT NULL,
  currency text NOT NULL,
  cost_minor bigint,
  charge_minor bigint,
  charge_currency text,
  state text NOT NULL,
  generation integer NOT NULL DEFAULT 0,
  reserved boolean NOT NULL DEFAULT false,
  holder text,
  lease_until timestamptz,
  in_doubt_since timestamptz,
  doubt_from timestamptz,
  order_uid text,
  source text,
  reason text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The quarantine counts from the last moment an order may have been sent, not from the first doubt.
ALTER TABLE huuray_campaign_rows ADD COLUMN IF NOT EXISTS doubt_from timestamptz;
CREATE INDEX IF NOT EXISTS huuray_campaign_rows_campaign_state ON huuray_campaign_rows (campaign, state);
CREATE TABLE IF NOT EXISTS huuray_rate_governor (
  token_hash text PRIMARY KEY,
  paused_until timestamptz,
  pause_reason text
);
CREATE TABLE IF NOT EXISTS huuray_rate_log (
  token_hash text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS huuray_rate_log_token_at ON huuray_rate_log (token_hash, at);
`;

/** Any fixed number; it only keeps two processes from creating the tables at the same moment. */
const MIGRATION_LOCK = 7_211_011;

/** Creates the queue's tables if missing; safe to run from many processes at once. */
export async function migrateQueueTables(db: SqlRunner): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(QUEUE_TABLES_SQL);
  });
}
