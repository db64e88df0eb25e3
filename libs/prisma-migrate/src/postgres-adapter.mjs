// The database side of the schema engine: @prisma/adapter-pg, with two corrections for migrations.
import { PrismaPg } from '@prisma/adapter-pg';

/**
 * A migration-aware adapter factory over node-postgres.
 *
 * - One connection (`max: 1`): the engine takes a session-level advisory lock before applying
 *   migrations, which only serialises concurrent deploys if every later statement runs on the
 *   connection that holds it, as with the native engine.
 * - A migration script is sent whole, as one simple-protocol query. adapter-pg splits scripts on
 *   every `;`, which breaks string literals and `$$` function bodies and runs each statement in its
 *   own transaction; sent whole, PostgreSQL runs the script in one implicit transaction, the way
 *   the native engine does, so a failing migration leaves no half-applied schema behind.
 * - No shadow database: deploy never needs one and create never touches a database.
 */
export class MigrationPostgresAdapterFactory {
  provider = 'postgres';
  adapterName = '@prisma/adapter-pg';
  #driverFactory;
  #openAdapters = [];

  constructor({ pool }) {
    this.#driverFactory = new PrismaPg({ ...pool, max: 1 });
  }

  async connect() {
    const adapter = await this.#driverFactory.connect();
    adapter.executeScript = (script) => executeWholeScript(adapter, script);
    this.#openAdapters.push(adapter);
    return adapter;
  }

  async connectToShadowDb() {
    throw new Error('this tool never uses a shadow database (create diffs schema files, deploy only applies)');
  }

  /** Ends the connection pools; the engine itself never disposes the adapters it was given. */
  async close() {
    await Promise.all(this.#openAdapters.splice(0).map((adapter) => adapter.dispose()));
  }
}

async function executeWholeScript(adapter, script) {
  try {
    await adapter.underlyingDriver().query(script);
  } catch (error) {
    adapter.onError(error); // rethrows as the adapter's typed error, which the engine understands
  }
}
