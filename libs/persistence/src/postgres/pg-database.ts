import type { Pool, PoolClient } from 'pg';
import { inOneWrite } from './pg-pool.js';

/**
 * A statement and its values, as `Prisma.sql` builds it (`text` holds PostgreSQL's $1, $2...
 * placeholders; fragments, `Prisma.join` and `Prisma.raw` included): the stores keep writing their
 * SQL with the tagged template they know, and nothing is ever spliced into the text.
 */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** Where a statement runs: the database (a transaction of its own) or an open transaction. */
export interface SqlQueries {
  rows<TRow>(statement: SqlStatement): Promise<TRow[]>;
  /** The number of rows the statement changed (or returned). */
  execute(statement: SqlStatement): Promise<number>;
}

interface Queryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** Statement names by text; a text past the limit (a code path building endless variants) runs unnamed. */
const preparedNames = new Map<string, string>();
const MAX_PREPARED_STATEMENTS = 1_000;

/**
 * Every statement is a named prepared statement: node-postgres prepares it on a connection the
 * first time it runs there, and afterwards sends only its values. PostgreSQL then parses and
 * analyses each text once per connection instead of at every call, and after five executions
 * usually keeps one generic plan for it, a good part of its CPU per order. That plan is made from
 * the table's statistics of the moment and kept until they change (ANALYZE, autovacuum): one made
 * while a table looked empty scans it whole for as long as the connection lives, if nothing
 * analyzes the table again (tools/bench/postgres-stats.mjs). (Behind a pooler in transaction
 * mode, such as PgBouncer's, prepared statements need its support for them; the stacks here
 * connect directly.)
 */
function prepared(statement: SqlStatement): { name?: string; text: string; values: unknown[] } {
  const { text } = statement;
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_STATEMENTS) {
    // The pg instrumentation names a statement's span after it: its first keyword, then a number.
    name = `${/^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL'} #${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  return { ...(name && { name }), text, values: [...statement.values] };
}

type QueryResult = Awaited<ReturnType<Queryable['query']>>;

class Statements implements SqlQueries {
  constructor(private readonly target: Queryable) {}

  async rows<TRow>(statement: SqlStatement): Promise<TRow[]> {
    const result = await this.query(statement);
    return result.rows as TRow[];
  }

  async execute(statement: SqlStatement): Promise<number> {
    const result = await this.query(statement);
    return result.rowCount ?? 0;
  }

  protected query(statement: SqlStatement): Promise<QueryResult> {
    return this.target.query(prepared(statement));
  }
}

/**
 * An open transaction on one pooled connection. It also has the one method of a Prisma
 * transaction client that @shop/messaging's inbox and outbox use (`$executeRawUnsafe`), so
 * `IdempotentCommands` runs over it as over a Prisma transaction.
 *
 * BEGIN goes out with the transaction's first statement: on a pipelining connection (the pools
 * of createPostgresPool) both leave in one write to the socket and PostgreSQL answers both at
 * once, a round trip less per transaction; on another, BEGIN is answered first. A transaction
 * that runs no statement sends nothing at all.
 */
export class PgTransaction extends Statements {
  private begun: Promise<unknown> | undefined;
  private readonly onCommit: Array<() => void> = [];

  constructor(private readonly client: PoolClient) {
    super(client);
  }

  /** Whether BEGIN was sent: only then is there a transaction to commit or roll back. */
  get started(): boolean {
    return this.begun !== undefined;
  }

  /**
   * Runs `callback` once the transaction has committed (never when it rolls back, nor when the
   * commit's outcome is unknown, its connection lost). It must not throw: the commit is done.
   */
  afterCommit(callback: () => void): void {
    this.onCommit.push(callback);
  }

  /** @internal PgDatabase's, once COMMIT succeeded. */
  committed(): void {
    for (const callback of this.onCommit.splice(0)) callback();
  }

  $executeRawUnsafe(text: string, ...values: unknown[]): Promise<number> {
    return this.execute({ text, values });
  }

  protected override async query(statement: SqlStatement): Promise<QueryResult> {
    let result: Promise<QueryResult>;
    if (this.begun === undefined && this.client.pipeline) {
      result = inOneWrite(this.client, () => {
        this.begun = this.client.query('BEGIN');
        return super.query(statement);
      });
    } else {
      if (this.begun === undefined) await (this.begun = this.client.query('BEGIN'));
      result = super.query(statement);
    }
    // Both awaited together, so a failure of either is handled (BEGIN fails only with its connection).
    const [, answer] = await Promise.all([this.begun, result]);
    return answer;
  }
}

/**
 * A service's PostgreSQL straight through node-postgres, for its hot paths: the pool under its
 * Prisma client (PrismaModule provides both), without Prisma's runtime in between. Written by
 * hand rather than taken from a library because Prisma's runtime around every statement (its
 * request pipeline and query interpreter, raw statements included) was a fifth of each service's
 * CPU per order (README "Benchmarks"), and what is needed of a driver is small: a statement, or
 * BEGIN, statements and COMMIT or ROLLBACK on one connection, thrown away when it broke.
 *
 * A single statement needs no BEGIN and COMMIT (`rows`, `execute`): PostgreSQL runs it in a
 * transaction of its own, at a round trip instead of three. Isolation is PostgreSQL's default,
 * READ COMMITTED.
 */
export class PgDatabase extends Statements {
  constructor(private readonly pool: Pool) {
    super(pool);
  }

  async transaction<T>(work: (tx: PgTransaction) => Promise<T>): Promise<T> {
    // A connection that dies while checked out emits 'error' on the client: the pools of
    // createPostgresPool hear it (hearClientErrors); the work meets it as a statement's rejection.
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const tx = new PgTransaction(client);
    let result: T;
    try {
      result = await work(tx);
      if (tx.started) await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot even roll back is closed, not returned to the pool.
      if (tx.started) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
    tx.committed();
    return result;
  }
}

/** PostgreSQL's SQLSTATE for a broken unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
