// The checks CI runs on the contracts: the .proto files are formatted and lint-clean, and the
// committed TypeScript is exactly what `buf generate` writes from them today.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractsRoot, generatedFolder, runBuf } from './buf-cli.mjs';
import { compareDirectories, describeDifference } from './directory-diff.mjs';

/** @returns {string[]} one line per problem; empty when the contracts are in order. */
export function checkProtoSources() {
  const problems = [];
  const format = runBuf(['format', '--diff', '--exit-code']);
  if (!format.ok) problems.push(`.proto files are not formatted (npm run contracts:generate formats them):\n${format.output}`);
  const lint = runBuf(['lint']);
  if (!lint.ok) problems.push(`buf lint:\n${lint.output}`);
  return problems;
}

/** @returns {string[]} one line per generated file that differs from a fresh generation. */
export function findGeneratedDrift() {
  // `--output` prefixes the `out` folder of buf.gen.yaml, so the fresh copy lands in <temp>/src/generated.
  const scratch = mkdtempSync(join(tmpdir(), 'contracts-generated-'));
  try {
    const generation = runBuf(['generate', '--output', scratch]);
    if (!generation.ok) return [`buf generate failed:\n${generation.output}`];
    return compareDirectories(join(contractsRoot, generatedFolder), join(scratch, generatedFolder)).map(describeDifference);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
