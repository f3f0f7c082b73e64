import type { PgClient, PgPool } from './pg-types.js';

/**
 * Runs `body` in one transaction on a connection of its own, committed when `body` resolves and
 * rolled back when it throws. A connection that cannot even roll back is released as broken, so the
 * pool drops it instead of handing a half-open transaction to the next caller.
 */
export async function inTransaction<T>(pool: PgPool, body: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
