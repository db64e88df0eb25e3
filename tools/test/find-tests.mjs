// Finds test files by suffix. Unit tests (`*.spec`) need nothing running; integration tests
// (`*.int-spec`) and end-to-end tests (`*.e2e-spec`) run against the native stack.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.local', '.nx', 'generated', 'src-generated']);

/**
 * Where a project's compiled tests are: `dist-test/` when it builds them apart from its code
 * (tsconfig.spec.json: what ships, `dist/`, holds no test), `dist/` for a project of tests only.
 */
function isCompiledTestFolder(folder, parentPath) {
  if (folder === 'dist-test') return true;
  return folder === 'dist' && !existsSync(join(parentPath, 'tsconfig.spec.json'));
}

/** TypeScript tests run from their compiled copies; `.mjs` tests run from where they are. */
export function findTests(kind, roots = ['apps', 'libs', 'tools', 'infra']) {
  const suffixes = [`.${kind}.js`, `.${kind}.mjs`];
  const found = [];
  const walk = (folder, inCompiled = false) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        const compiledFolder = entry.name === 'dist' || entry.name === 'dist-test';
        if (compiledFolder && !isCompiledTestFolder(entry.name, folder)) continue;
        walk(path, inCompiled || compiledFolder);
      } else if (suffixes.some((suffix) => entry.name.endsWith(suffix))) {
        // A compiled .js test counts only in its project's compiled tests, a hand-written .mjs only outside them.
        if (entry.name.endsWith('.mjs') ? !inCompiled : inCompiled) found.push(path);
      }
    }
  };
  for (const root of roots) walk(root);
  return found.sort();
}
