// Builds the monorepo: generated code first (Prisma clients), then every TypeScript project
// through `tsc -b`, which compiles only what changed since the last build.
import { existsSync } from 'node:fs';
import { ensureInstalled } from './ensure-installed.mjs';
import { mustRun } from './run-step.mjs';

process.chdir(new URL('..', import.meta.url).pathname);
await ensureInstalled();
if (existsSync('libs/prisma-migrate/src/generate.mjs')) {
  await mustRun('generating Prisma clients', process.execPath, ['libs/prisma-migrate/src/generate.mjs']);
}
await mustRun('compiling TypeScript (tsc -b)', process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.json']);
