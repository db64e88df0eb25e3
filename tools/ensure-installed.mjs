// `npm test`, `npm run demo`, `npm run build` and `npm run stack:up` work on a fresh clone: they
// install the npm packages first when node_modules is missing or older than package-lock.json,
// then carry on on the project's own Node.js (the `node` devDependency, the same version as the
// Docker images), whatever Node.js started them.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { handOver, mustRun } from './run-step.mjs';

const repositoryRoot = new URL('..', import.meta.url).pathname;

export async function ensureInstalled() {
  const marker = resolve(repositoryRoot, 'node_modules/.package-lock.json');
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(resolve(repositoryRoot, 'package-lock.json')).mtimeMs;
  if (stale) {
    // Under an older Node.js, npm would warn about the engines of every package that needs the
    // project's Node.js, which this very install brings: errors only, then.
    const quiet = process.versions.node === projectNodeVersion() ? [] : ['--loglevel=error'];
    await mustRun('installing npm packages (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund', ...quiet], { cwd: repositoryRoot });
  }
  await continueOnProjectNode();
}

/** The Node.js version the project declares once, as its `node` devDependency. */
export function projectNodeVersion() {
  const manifest = JSON.parse(readFileSync(resolve(repositoryRoot, 'package.json'), 'utf8'));
  return manifest.devDependencies.node;
}

/**
 * Runs this script again, with the same arguments, on the project's Node.js when another version
 * started it, and ends with the child's exit code; returns at once when the version is right.
 */
async function continueOnProjectNode() {
  const wanted = projectNodeVersion();
  if (process.versions.node === wanted) return;
  const projectNode = resolve(repositoryRoot, 'node_modules/.bin/node');
  if (!existsSync(projectNode)) {
    console.error(`✖ Node.js ${wanted} should be at node_modules/.bin/node (the \`node\` devDependency): run \`npm ci\``);
    process.exit(1);
  }
  console.log(`▶ continuing on the project's Node.js v${wanted} (node_modules/.bin/node) instead of ${process.version}`);
  // node_modules/.bin first on PATH, as `npm run` does: the child's `npm` and `node` calls use it too.
  const path = `${resolve(repositoryRoot, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`;
  await handOver(realpathSync(projectNode), [...process.execArgv, ...process.argv.slice(1)], { env: { ...process.env, PATH: path } });
}
