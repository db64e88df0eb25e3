// `npm test` fails when the .proto files break a buf lint rule or are unformatted, or when the
// committed generated code is not exactly what they generate.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compareDirectories, describeDifference } from './directory-diff.mjs';
import { checkProtoSources, findGeneratedDrift } from './generated-drift.mjs';

describe('libs/contracts generated code', () => {
  it('comes from .proto files that are formatted and pass buf lint', () => {
    assert.deepEqual(checkProtoSources(), []);
  });

  it('is exactly what buf generate produces from the .proto files today', () => {
    assert.deepEqual(findGeneratedDrift(), [], 'run `npm run contracts:generate` and commit the result');
  });
});

describe('comparing a committed tree with a fresh generation', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'contracts-diff-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const tree = (name, files) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, name, path)), { recursive: true });
      writeFileSync(join(scratch, name, path), text);
    }
    return join(scratch, name);
  };

  it('names each changed, missing and stale file, with the first differing line', () => {
    const committed = tree('committed', { 'a/same.ts': 'x\n', 'a/edited.ts': 'one\ntwo\n', 'a/stale.ts': 'old\n' });
    const regenerated = tree('regenerated', { 'a/same.ts': 'x\n', 'a/edited.ts': 'one\n2\n', 'a/new.ts': 'new\n' });
    assert.deepEqual(compareDirectories(committed, regenerated).map(describeDifference), [
      'a/edited.ts: differs, first at line 2: committed "two", generated "2"',
      'a/new.ts: generated now, but not committed',
      'a/stale.ts: committed, but no longer generated',
    ]);
  });

  it('finds nothing when both trees hold the same files', () => {
    const files = { 'b/one.ts': 'one\n', 'b/two.ts': 'two\n' };
    assert.deepEqual(compareDirectories(tree('left', files), tree('right', files)), []);
  });
});
