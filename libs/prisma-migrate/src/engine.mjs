// The Prisma schema engine compiled to WebAssembly (@prisma/schema-engine-wasm): the same Rust
// code as the native `schema-engine` binary that `prisma migrate` downloads, driven through a
// JavaScript database adapter instead of its own drivers.
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { SchemaEngine } from '@prisma/schema-engine-wasm';

const NOTHING_EXTERNAL = { externalTables: [], externalEnums: [] };
/** The engine's `diff` exit code when the two schemas differ (like `prisma migrate diff --exit-code`). */
const SCHEMAS_DIFFER = 2;

/**
 * Starts an engine over `adapterFactory` (which it connects to at once).
 * `schemaFiles` are `{ path, content }`; `onLog` receives each engine log line.
 */
export async function openSchemaEngine({ schemaFiles, adapterFactory, onLog }) {
  let engine;
  try {
    engine = await SchemaEngine.new(
      { datamodels: schemaFiles.map(({ path, content }) => [path, content]) },
      (line) => onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
  } catch (error) {
    await adapterFactory.close();
    throw error;
  }
  return {
    /** The SQL that takes a database from `from` (schema files, or null for empty) to `to`; null when nothing differs. */
    async migrationScript({ from, to }) {
      const result = await engine.diff({
        from: from ? { tag: 'schemaDatamodel', files: from } : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: to },
        script: true,
        exitCode: true,
        filters: NOTHING_EXTERNAL,
      });
      return result.exitCode === SCHEMAS_DIFFER ? result.stdout : null;
    },

    /** Applies the pending migrations of a Prisma migrations list; returns the names it applied. */
    async applyMigrations(migrationsList) {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NOTHING_EXTERNAL });
      return appliedMigrationNames;
    },

    async close() {
      engine.free();
      await adapterFactory.close();
    },
  };
}
