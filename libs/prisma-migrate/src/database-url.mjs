// Turns a `postgresql://` URL into the discrete node-postgres fields the adapter is given.
// Discrete fields, not `connectionString`: with a connection string, the adapter's derived
// connections (it overrides `database` for a shadow database) silently reach the main database.

const REQUIRES_TLS = new Set(['require', 'verify-ca', 'verify-full']);

/** `{ pool }`: pg Pool settings. */
export function postgresConnectionFromUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('database URL is not a valid URL');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`database URL must start with postgresql://, got ${parsed.protocol}//`);
  }
  const parameters = parsed.searchParams;
  const pool = {
    host: parameters.get('host') ?? (decodeURIComponent(parsed.hostname) || 'localhost'),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
  };
  if (REQUIRES_TLS.has(parameters.get('sslmode'))) pool.ssl = { rejectUnauthorized: parameters.get('sslmode') !== 'require' };
  // Each service owns a whole database and uses its `public` schema; the apps' adapter ignores
  // `?schema=`, so migrating another schema would put the tables where the app does not look.
  const schema = parameters.get('schema');
  if (schema && schema !== 'public') throw new Error(`?schema=${schema} is not supported: the services use the public schema of their own database`);
  return { pool };
}

/** `user@host:port/database`, for progress lines: never the password. */
export function describeConnection({ pool }) {
  return `${pool.user ? `${pool.user}@` : ''}${pool.host}:${pool.port}/${pool.database ?? ''}`;
}
