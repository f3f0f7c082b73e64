import pg from 'pg';

/** A query on a connection or in a transaction. Values are parameters ($1, $2, ...), never spliced in. */
export type Query = <R extends object = Record<string, unknown>>(
  text: string,
  values?: readonly unknown[],
) => Promise<R[]>;

/** The queue's access to PostgreSQL: plain queries, and transactions on one connection. */
export interface SqlRunner {
  readonly query: Query;
  transaction<T>(body: (tx: { readonly query: Query; readonly client: pg.PoolClient }) => Promise<T>): Promise<T>;
}

function queryOn(target: pg.Pool | pg.PoolClient): Query {
  return async <R extends object>(text: string, values: readonly unknown[] = []) => {
    const result = await target.query(text, [...values]);
    return result.rows as R[];
  };
}

export function sqlRunner(pool: pg.Pool): SqlRunner {
  return {
    query: queryOn(pool),
    async transaction(body) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await body({ query: queryOn(client), client });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** A pool for a connection string; an idle connection the server drops must not crash the process. */
export function poolFor(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}
