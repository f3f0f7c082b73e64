import { HuurayValidationError } from '../core/errors/validation-error.js';

/** Where the ledger lives in the database. */
export interface LedgerTableOptions {
  /** Schema of the tables; created if missing. Default `public`. */
  readonly schema?: string | undefined;
  /** Name of the entries table; the history goes to `<table>_events`. Default `huuray_ledger`. */
  readonly table?: string | undefined;
}

/** The quoted, validated names every statement uses. */
export interface LedgerTables {
  readonly schema: string;
  readonly table: string;
  /** `"schema"."table"` */
  readonly entries: string;
  /** `"schema"."table_events"` */
  readonly events: string;
  /** The key of the advisory lock that serialises migrations of these tables across processes. */
  readonly lockKey: string;
}

// Plain lower-case identifiers only: they are interpolated into DDL, and a name that needs quoting
// rules of its own is more likely a mistake than a wish. 56 leaves room for the `_events` suffix.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,55}$/;

/** Checks `schema` and `table` (a `HuurayValidationError` names the field) and quotes them. */
export function ledgerTables(options: LedgerTableOptions = {}): LedgerTables {
  const schema = options.schema ?? 'public';
  const table = options.table ?? 'huuray_ledger';
  const issues = [
    ['schema', schema],
    ['table', table],
  ]
    .filter(([, name]) => !IDENTIFIER.test(name ?? ''))
    .map(([path]) => ({
      path: path ?? '',
      message: 'must be 1-56 characters of a-z, 0-9 and _, not starting with a digit',
    }));
  if (issues.length > 0) throw new HuurayValidationError('PostgreSQL ledger options', issues);
  return {
    schema,
    table,
    entries: `"${schema}"."${table}"`,
    events: `"${schema}"."${table}_events"`,
    // One key for every ledger: concurrent CREATE SCHEMA IF NOT EXISTS of two tables could race too.
    lockKey: 'huuray-client ledger migration',
  };
}

/**
 * The statements that create the ledger's tables, each idempotent. `migrate()` runs them in one
 * transaction under an advisory lock; a DBA may also run them by hand (the application's role then
 * needs only SELECT, INSERT and UPDATE).
 *
 * Times are `timestamptz` written from the database's clock (`clock_timestamp()`), never a client's,
 * so leases mean the same on machines whose clocks disagree. Nothing secret is stored: the intent
 * holds product, value, currency, quantity, template and a digest of the recipients, never a code.
 */
export function migrationSql(options: LedgerTableOptions = {}): string[] {
  const t = ledgerTables(options);
  return [
    ...(t.schema === 'public' ? [] : [`CREATE SCHEMA IF NOT EXISTS "${t.schema}"`]),
    `CREATE TABLE IF NOT EXISTS ${t.entries} (
  ref_id text PRIMARY KEY,
  fingerprint text NOT NULL,
  intent jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('in-flight', 'done', 'refused', 'in-doubt')),
  holder text,
  lease_until timestamptz,
  order_uid text,
  reason text,
  in_doubt_since timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((state = 'in-flight') = (holder IS NOT NULL AND lease_until IS NOT NULL)),
  CHECK ((state = 'done') = (order_uid IS NOT NULL)),
  CHECK (state <> 'in-doubt' OR in_doubt_since IS NOT NULL)
)`,
    `CREATE INDEX IF NOT EXISTS "${t.table}_state_idx" ON ${t.entries} (state, ref_id)`,
    `CREATE TABLE IF NOT EXISTS ${t.events} (
  id bigserial PRIMARY KEY,
  ref_id text NOT NULL,
  state text NOT NULL,
  holder text,
  order_uid text,
  reason text,
  at timestamptz NOT NULL
)`,
    `CREATE INDEX IF NOT EXISTS "${t.table}_events_ref_idx" ON ${t.events} (ref_id, id)`,
  ];
}
