// Runs the migration CLI as users and containers do: a separate `node cli.mjs` process (whose
// output must not carry Node's warning about importing WebAssembly modules).
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../src/cli.mjs', import.meta.url));
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** `{ code, stdout, stderr }`; DATABASE_URL is always set, so a test can never reach the stack's databases. */
export function runMigrateCli(args, { databaseUrl = 'postgresql://nobody@127.0.0.1:1/not_used' } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A scratch copy of a service's prisma folder (schema and migrations), removed by `remove()`. */
export function copyPrismaFolder(service, { withMigrations = true } = {}) {
  const root = mkdtempSync(join(tmpdir(), `prisma-migrate-${service}-`));
  const source = join(repositoryRoot, 'apps', service, 'prisma');
  cpSync(join(source, 'schema.prisma'), join(root, 'schema.prisma'));
  if (withMigrations) cpSync(join(source, 'migrations'), join(root, 'migrations'), { recursive: true });
  else mkdirSync(join(root, 'migrations'));
  return {
    schema: join(root, 'schema.prisma'),
    migrations: join(root, 'migrations'),
    migrationFolders: () => readdirSync(join(root, 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The SQL that creates `schemaPath`'s schema from nothing: the engine's diff from empty, via `create`. */
export async function scriptFromEmpty(service, schemaPath) {
  const scratch = mkdtempSync(join(tmpdir(), `prisma-migrate-empty-${service}-`));
  try {
    cpSync(schemaPath, join(scratch, 'schema.prisma'));
    const result = await runMigrateCli(['create', '--service', service, '--schema', join(scratch, 'schema.prisma'), '--name', 'from_empty']);
    if (result.code !== 0) throw new Error(`create failed: ${result.stderr}`);
    const [folder] = readdirSync(join(scratch, 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory());
    return readFileSync(join(scratch, 'migrations', folder.name, 'migration.sql'), 'utf8');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
