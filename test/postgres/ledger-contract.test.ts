import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Ledger } from '../../src/ledger/types.js';
import { postgresLedger } from '../../src/postgres/index.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { describeLedgerContract } from '../ledger/ledger-contract-real-clock.js';

// The Ledger contract against a real PostgreSQL: each test gets tables of its own, and "another
// process" is a second ledger with its own connection pool on the same tables.
let postgres: TestPostgres;
let url: string;
const tableOf = new WeakMap<Ledger, string>();

beforeAll(async () => {
  postgres = await startPostgres();
  url = await postgres.database('contract');
});
afterAll(() => postgres?.stop());

function open(table: string): Ledger {
  const ledger = postgresLedger({ connectionString: url, table, pollIntervalMs: 10 });
  tableOf.set(ledger, table);
  return ledger;
}

describeLedgerContract('PostgreSQL', {
  open: async () => open(`t_${randomUUID().replaceAll('-', '').slice(0, 20)}`),
  sibling: async (ledger) => open(tableOf.get(ledger) ?? 'missing'),
});
