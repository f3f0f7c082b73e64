import type { PostgresLedger } from '../postgres/index.js';
import { usageError } from './exit-codes.js';

/** The global `--ledger` option; `HUURAY_LEDGER_URL` is the default, and better: a URL with a password shows in process lists. */
export const LEDGER_OPTION = [
  '--ledger <url>',
  'PostgreSQL connection string of the ledger (default: $HUURAY_LEDGER_URL)',
] as const;

/**
 * Opens the PostgreSQL ledger named by `--ledger` or `HUURAY_LEDGER_URL`. The entry point is loaded
 * only here, so the rest of the CLI runs without the optional `pg` package installed.
 */
export async function openLedger(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PostgresLedger> {
  const connectionString = flag ?? env.HUURAY_LEDGER_URL;
  if (connectionString === undefined || connectionString === '') {
    throw usageError('no ledger: give --ledger postgres://... or set HUURAY_LEDGER_URL');
  }
  if (!/^postgres(ql)?:\/\//.test(connectionString)) {
    throw usageError('--ledger must be a PostgreSQL connection string (postgres://user@host/db)');
  }
  let entry: typeof import('../postgres/index.js');
  try {
    entry = await import('../postgres/index.js');
  } catch (error) {
    const missing = error instanceof Error && /Cannot find (package|module) 'pg'/.test(error.message);
    if (missing) throw usageError('the PostgreSQL ledger needs the pg package: npm install pg');
    throw error;
  }
  return entry.postgresLedger({ connectionString });
}

/** Runs `body` with the ledger open, and closes it afterwards whatever happens. */
export async function withLedger<T>(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  body: (ledger: PostgresLedger) => Promise<T>,
): Promise<T> {
  const ledger = await openLedger(flag, env);
  try {
    return await body(ledger);
  } finally {
    await ledger.close();
  }
}
