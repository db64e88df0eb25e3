// Runs the buf CLI that the @bufbuild/buf npm package ships (no download, works offline), from
// libs/contracts, with every node_modules/.bin above it on the PATH: buf.gen.yaml names the local
// plugin `protoc-gen-ts_proto`, which buf looks up on the PATH.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const contractsRoot = fileURLToPath(new URL('..', import.meta.url));
/** Where buf.gen.yaml writes, relative to libs/contracts. */
export const generatedFolder = 'src/generated';

const bufEntry = createRequire(import.meta.url).resolve('@bufbuild/buf/bin/buf');

/** Runs `buf <args>`; returns whether it succeeded and what it printed, so callers choose how to report. */
export function runBuf(args) {
  const result = spawnSync(process.execPath, [bufEntry, ...args], {
    cwd: contractsRoot,
    env: { ...process.env, PATH: [...binFoldersAbove(contractsRoot), process.env.PATH].join(delimiter) },
    encoding: 'utf8',
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  return { ok: result.status === 0, output };
}

function binFoldersAbove(folder) {
  const folders = [];
  for (let current = folder; ; current = dirname(current)) {
    folders.push(join(current, 'node_modules', '.bin'));
    if (dirname(current) === current) return folders;
  }
}
