// The two repository scripts `up` runs before the apps start: the database migrations and the
// build. Both inherit the terminal, so their own progress lines show.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './paths.mjs';
import { StackError } from './stack-error.mjs';

const migrationCli = join(repositoryRoot, 'libs', 'prisma-migrate', 'src', 'cli.mjs');

/** Applies every PostgreSQL service's pending migrations, as each service's own role. */
export async function runMigrations() {
  if (!existsSync(migrationCli)) {
    console.log(`  ⚠ skipping migrations: ${migrationCli} does not exist yet`);
    return;
  }
  if (!(await runNode([migrationCli, 'deploy']))) throw new StackError('migrations failed; see the output above');
}

export async function runBuild() {
  if (!(await runNode([join(repositoryRoot, 'tools', 'build.mjs')]))) throw new StackError('the build failed; see the output above');
}

function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repositoryRoot, stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}
