/**
 * The parts of a `pg` pool the ledger uses, described structurally so that the types of this entry
 * point do not depend on `@types/pg`: a `pg.Pool` fits, and so does any pool with the same methods.
 */
export interface PgQueryable {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** A connection checked out of the pool, for one transaction. */
export interface PgClient extends PgQueryable {
  release(error?: Error | boolean): void;
}

/** A `pg.Pool` (or anything with its `connect`, `query` and `end`). */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
}
