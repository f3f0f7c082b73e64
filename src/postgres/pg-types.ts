/**
 * The parts of a `pg` pool the ledger uses, described structurally so that the types of this entry
 * point do not depend on `@types/pg`: a `pg.Pool` fits, and so does any pool with the same methods.
 */
export interface PgQueryable {
  /** Runs one SQL statement with `$1, $2, ...` bound to `values`, as `pg`'s `query` does. */
  query<R = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{
    /** The rows returned, one object per row keyed by column name. */
    rows: R[];
    /** Rows inserted, updated, deleted or selected; `null` for statements that report none. */
    rowCount: number | null;
  }>;
}

/** A connection checked out of the pool, for one transaction. */
export interface PgClient extends PgQueryable {
  /**
   * Returns the connection to the pool. With an error (or `true`) the pool discards it instead: the
   * ledger does so when a failed transaction could not even be rolled back.
   */
  release(error?: Error | boolean): void;
}

/** A `pg.Pool` (or anything with its `connect`, `query` and `end`). */
export interface PgPool extends PgQueryable {
  /** Checks a connection out for one transaction; the ledger always releases it. */
  connect(): Promise<PgClient>;
  /** Closes every connection; the ledger calls it on `close()` only for a pool it made itself. */
  end(): Promise<void>;
}
