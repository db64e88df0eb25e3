// Where a service's Prisma files live, which services own a PostgreSQL database and how to reach
// it on the native stack. The topology is imported only when needed, so a container that runs
// `deploy --service <name>` with its own DATABASE_URL needs nothing but the service's prisma folder.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

/** `{ schema, migrations }`: absolute paths; `schemaOverride` (a schema.prisma path) moves both. */
export function prismaPaths(service, schemaOverride) {
  if (!SERVICE_NAME.test(service)) throw new Error(`"${service}" is not a service name`);
  const schema = schemaOverride ? resolve(schemaOverride) : join(repositoryRoot, 'apps', service, 'prisma', 'schema.prisma');
  return { schema, migrations: join(dirname(schema), 'migrations') };
}

export async function postgresServiceNames() {
  const { postgresApps } = await import('@shop/topology');
  return postgresApps.map((app) => app.name);
}

/** The service's own URL on the native stack (its role, its database). */
export async function localDatabaseUrl(service) {
  const { postgresDatabase } = await import('@shop/topology');
  return postgresDatabase(service).url;
}
