// Generates the Prisma client of every PostgreSQL service (`prisma generate`), skipping those
// whose client is newer than both their schema and the installed Prisma, so rebuilds stay fast.
// tools/build.mjs runs it before `tsc -b`.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { postgresServiceNames, prismaPaths, repositoryRoot } from './services.mjs';

const prismaCli = join(repositoryRoot, 'node_modules/prisma/build/index.js');
const installedPrisma = ['node_modules/prisma/package.json', 'node_modules/@prisma/client/package.json'].map((path) => join(repositoryRoot, path));
// `prisma generate` never runs the schema engine, yet the CLI downloads it first unless this
// variable names a file. A placeholder keeps generate working where the download is impossible.
const engineBinaryPlaceholder = join(repositoryRoot, 'libs/prisma-migrate/src/schema-engine-not-needed-by-generate.txt');

const services = await postgresServiceNames();
const results = await Promise.all(services.map(generateClient));
process.exit(results.every(Boolean) ? 0 : 1);

async function generateClient(service) {
  const { schema } = prismaPaths(service);
  const client = join(repositoryRoot, 'apps', service, 'src/generated/prisma/client.ts');
  if (!existsSync(schema)) {
    console.log(`  ${service}: no ${relative(repositoryRoot, schema)}, nothing to generate`);
    return true;
  }
  if (isNewerThan(client, [schema, ...installedPrisma])) {
    console.log(`  ${service}: Prisma client up to date`);
    return true;
  }
  const { code, output } = await run(process.execPath, [prismaCli, 'generate', '--schema', schema]);
  console.log(code === 0 ? `  ${service}: Prisma client generated` : `  ✖ ${service}: prisma generate failed\n${output}`);
  return code === 0;
}

function isNewerThan(path, sources) {
  if (!existsSync(path)) return false;
  const generatedAt = statSync(path).mtimeMs;
  return sources.every((source) => statSync(source).mtimeMs < generatedAt);
}

/** Runs a command with its output captured, so parallel runs do not interleave their lines. */
function run(command, args) {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? engineBinaryPlaceholder,
    CHECKPOINT_DISABLE: '1', // no update check over the network at every build
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 1, output: error.message }));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
