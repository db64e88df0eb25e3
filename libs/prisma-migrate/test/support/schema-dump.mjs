// The schema of a database as `pg_dump --schema-only` prints it, minus what differs between two
// dumps of equivalent schemas: comments, session settings, pg_dump's random \restrict keys,
// Prisma's own bookkeeping table, and the order of columns (a column added by a later migration
// comes last in the table, wherever it sits in the model; Prisma itself ignores column order).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function dumpSchema(database) {
  const { host, port, user, database: name } = database.connection;
  const { stdout } = await run('pg_dump', [
    '--schema-only',
    '--no-owner',
    '--no-privileges',
    '--exclude-table=public._prisma_migrations',
    `--host=${host}`,
    `--port=${port}`,
    `--username=${user}`,
    name,
  ]);
  return sortColumns(withoutNoise(stdout.split('\n'))).join('\n');
}

function withoutNoise(lines) {
  return lines.filter(
    (line) => line.trim() && !line.startsWith('--') && !line.startsWith('SET ') && !line.startsWith('\\') && !line.startsWith('SELECT pg_catalog.set_config'),
  );
}

/** Sorts the column lines of every `CREATE TABLE ... (` block, trailing commas removed. */
function sortColumns(lines) {
  const result = [];
  let columns = null;
  for (const line of lines) {
    if (columns && line === ');') {
      result.push(...columns.sort(), line);
      columns = null;
    } else if (columns) {
      columns.push(line.replace(/,$/, ''));
    } else {
      result.push(line);
      if (/^CREATE TABLE .*\($/.test(line)) columns = [];
    }
  }
  return result;
}
