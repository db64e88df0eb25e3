// Names and order of migration folders, as Prisma Migrate writes and reads them:
// `<YYYYMMDDHHMMSS>_<snake_name>`, UTC timestamp, applied in the order of their names.

const SNAKE_CASE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
const TIMESTAMP_PREFIX = /^(\d{14})_/;

export function assertSnakeCaseName(name) {
  if (typeof name !== 'string' || !SNAKE_CASE.test(name)) {
    throw new Error(`migration name must be snake_case (a-z, 0-9, single underscores), got "${name ?? ''}"`);
  }
}

/** `2025-03-04T05:06:07Z` → `20250304050607`, the prefix Prisma gives a migration folder. */
export function migrationTimestamp(date) {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/** The order Prisma applies migrations in (it sorts folder names with localeCompare). */
export function sortMigrationFolders(folderNames) {
  return [...folderNames].sort((left, right) => left.localeCompare(right));
}

/**
 * The folder name of a new migration. Its timestamp is kept later than every existing one, so a
 * clock that went backwards (or two migrations within a second) cannot reorder the history.
 */
export function nextMigrationFolderName(name, now, existingFolderNames) {
  assertSnakeCaseName(name);
  let timestamp = migrationTimestamp(now);
  const latest = sortMigrationFolders(existingFolderNames.filter((folder) => TIMESTAMP_PREFIX.test(folder))).at(-1);
  if (latest) {
    const latestTimestamp = TIMESTAMP_PREFIX.exec(latest)[1];
    if (timestamp <= latestTimestamp) timestamp = migrationTimestamp(new Date(timestampToDate(latestTimestamp).getTime() + 1000));
  }
  return `${timestamp}_${name}`;
}

function timestampToDate(timestamp) {
  const [, year, month, day, hour, minute, second] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
}
