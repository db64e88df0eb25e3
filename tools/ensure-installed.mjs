// `npm test`, `npm run demo` and `npm run stack:up` work on a fresh clone: they install the npm
// packages first when node_modules is missing or older than package-lock.json.
import { existsSync, statSync } from 'node:fs';
import { mustRun } from './run-step.mjs';

export async function ensureInstalled() {
  const marker = 'node_modules/.package-lock.json';
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
  if (stale) await mustRun('installing npm packages (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
}
