// Finds test files by suffix. Unit tests (`*.spec`) need nothing running; integration tests
// (`*.int-spec`) and end-to-end tests (`*.e2e-spec`) run against the native stack.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.local', '.nx', 'generated', 'src-generated']);

/** TypeScript tests run from their compiled `dist/` copies; `.mjs` tests run from where they are. */
export function findTests(kind, roots = ['apps', 'libs', 'tools', 'infra']) {
  const suffixes = [`.${kind}.js`, `.${kind}.mjs`];
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (suffixes.some((suffix) => entry.name.endsWith(suffix))) {
        // A compiled .js test counts only inside dist/, a hand-written .mjs only outside it.
        const inDist = path.split('/').includes('dist');
        if (entry.name.endsWith('.mjs') ? !inDist : inDist) found.push(path);
      }
    }
  };
  for (const root of roots) walk(root);
  return found.sort();
}
