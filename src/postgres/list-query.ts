import type { LedgerState } from '../ledger/types.js';
import type { LedgerTables } from './schema.js';

/** The `SELECT` of `Ledger.list`, with its values: checked states, a literal prefix, a limit. */
export function listQuery(
  t: LedgerTables,
  states: readonly LedgerState[] | null,
  refIdPrefix: string | undefined,
  limit: number | undefined,
): { sql: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  if (states !== null) {
    values.push(states);
    where.push(`state = ANY($${values.length}::text[])`);
  }
  if (refIdPrefix !== undefined && refIdPrefix !== '') {
    // The prefix is literal text: `%` and `_` in a refId match themselves, not any characters.
    values.push(`${refIdPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`ref_id LIKE $${values.length} ESCAPE '\\'`);
  }
  let sql = `SELECT * FROM ${t.entries}`;
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  sql += ' ORDER BY ref_id';
  if (limit !== undefined) {
    values.push(limit);
    sql += ` LIMIT $${values.length}`;
  }
  return { sql, values };
}
