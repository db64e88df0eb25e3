// Compares two generated trees file by file, so a drift report names each file and the first line
// that differs instead of dumping a whole diff.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * @returns {{ file: string, problem: 'changed' | 'missing' | 'stale', firstDifference?: string }[]}
 *   `missing`: generation produces it but it is not committed; `stale`: committed, no longer produced.
 */
export function compareDirectories(committedFolder, regeneratedFolder) {
  const committed = new Set(listFiles(committedFolder));
  const regenerated = new Set(listFiles(regeneratedFolder));
  const differences = [];
  for (const file of [...new Set([...committed, ...regenerated])].sort()) {
    if (!committed.has(file)) differences.push({ file, problem: 'missing' });
    else if (!regenerated.has(file)) differences.push({ file, problem: 'stale' });
    else {
      const firstDifference = firstDifferingLine(join(committedFolder, file), join(regeneratedFolder, file));
      if (firstDifference) differences.push({ file, problem: 'changed', firstDifference });
    }
  }
  return differences;
}

export function describeDifference({ file, problem, firstDifference }) {
  if (problem === 'missing') return `${file}: generated now, but not committed`;
  if (problem === 'stale') return `${file}: committed, but no longer generated`;
  return `${file}: differs, ${firstDifference}`;
}

function listFiles(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

function firstDifferingLine(committedFile, regeneratedFile) {
  const committed = readFileSync(committedFile, 'utf8').split('\n');
  const regenerated = readFileSync(regeneratedFile, 'utf8').split('\n');
  const length = Math.max(committed.length, regenerated.length);
  for (let index = 0; index < length; index += 1) {
    if (committed[index] !== regenerated[index]) {
      return `first at line ${index + 1}: committed ${quote(committed[index])}, generated ${quote(regenerated[index])}`;
    }
  }
  return undefined;
}

function quote(line) {
  if (line === undefined) return '(end of file)';
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);
}
