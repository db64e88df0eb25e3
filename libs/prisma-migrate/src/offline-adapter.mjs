// `create` computes a migration from two schema files and never needs a database. The engine
// still asks the server, once, at start-up, which PostgreSQL it talks to. This adapter answers
// that one question and refuses everything else, so create runs with no database available and
// cannot touch one by accident.
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';

/** What create tells the engine it talks to: PostgreSQL 15, the server of the native stack. */
const ANSWERED_VERSION = { text: 'PostgreSQL 15.0 (offline: migrations are computed from schema files)', number: 150000 };
const VERSION_PROBE = /\bversion\(\)/;

export class OfflinePostgresAdapterFactory {
  provider = 'postgres';
  adapterName = '@shop/prisma-migrate-offline';

  async connect() {
    return offlineAdapter(this.adapterName);
  }

  async connectToShadowDb() {
    return offlineAdapter(this.adapterName);
  }

  async close() {}
}

function offlineAdapter(adapterName) {
  const refuse = async (what) => {
    throw new Error(`the schema engine tried to ${what} while computing a migration offline; this engine version needs a database for it`);
  };
  return {
    provider: 'postgres',
    adapterName,
    async queryRaw(query) {
      if (!VERSION_PROBE.test(query.sql)) return refuse(`query the database (${query.sql.trim().split('\n')[0]})`);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, ANSWERED_VERSION.text, ANSWERED_VERSION.number]],
      };
    },
    executeRaw: () => refuse('write to the database'),
    executeScript: () => refuse('run a script'),
    startTransaction: () => refuse('open a transaction'),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    async dispose() {},
  };
}
