/**
 * Whether an error means a dependency (PostgreSQL, Redis) could not be reached, rather than a bug:
 * the first is worth a retry by the caller, the second is not. Looks through the `cause` chain,
 * since Prisma's driver adapter and ioredis wrap the socket error.
 */
export function isDependencyOutage(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (OUTAGE_ERROR_NAMES.has(current.name)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && OUTAGE_CODES.has(code)) return true;
  }
  return false;
}

const OUTAGE_ERROR_NAMES = new Set([
  // Prisma could not open a connection at all.
  'PrismaClientInitializationError',
  // ioredis gave up on a command while disconnected.
  'MaxRetriesPerRequestError',
]);

const OUTAGE_CODES = new Set([
  // Sockets.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  // Prisma: server unreachable, timed out, closed the connection, connection pool timeout.
  'P1001',
  'P1002',
  'P1017',
  'P2024',
  // PostgreSQL: connection exceptions, server shutting down, too many connections.
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '53300',
]);
