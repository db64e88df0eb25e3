// A throw-away copy of the repository for the generator's test: the files git knows (committed or
// not, ignored ones left out), and a node_modules whose packages are links to the original's, except
// the workspace's own (@shop/*), which point into the copy, so the copy's code is what runs. Nothing
// is installed, and nothing the copy does can change the original's node_modules.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export function makeScratchCopy(source, target) {
  rmSync(target, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = join(source, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet in the index
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(from, join(target, file));
  }
  linkNodeModules(source, target);
  return target;
}

function linkNodeModules(source, target) {
  const modules = join(target, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const entry of readdirSync(join(source, 'node_modules'))) {
    if (entry === '@shop') continue;
    symlinkSync(join(source, 'node_modules', entry), join(modules, entry));
  }
  mkdirSync(join(modules, '@shop'));
  for (const folder of workspaceFolders(target)) {
    const { name } = JSON.parse(readFileSync(join(target, folder, 'package.json'), 'utf8'));
    if (!name?.startsWith('@shop/')) continue;
    symlinkSync(relative(join(modules, '@shop'), join(target, folder)), join(modules, name));
  }
}

/** The npm workspaces of the copy, from its package.json globs (`libs/*`, `apps/*`, `tools/tooling`). */
function workspaceFolders(root) {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return existsSync(join(root, pattern, 'package.json')) ? [pattern] : [];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((folder) => statSync(join(root, folder)).isDirectory() && existsSync(join(root, folder, 'package.json')));
  });
}
