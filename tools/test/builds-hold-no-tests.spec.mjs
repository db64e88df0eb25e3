// What ships is what runs: an app's or a lib's build (dist/) holds no test and no test helper.
// Tests compile apart, into dist-test/ (tsconfig.spec.json). `npm test` builds before it runs this.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { apps } from '../../libs/topology/src/topology.mjs';

const root = new URL('../..', import.meta.url).pathname;
const TEST_FILE = /\.(int-|e2e-)?spec\.(js|d\.ts)(\.map)?$/;

/** Every file under `folder`, relative to the repository root. */
function filesUnder(folder) {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length));
}

const projects = ['apps', 'libs'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => `${group}/${name}`)
    .filter((project) => existsSync(join(root, project, 'tsconfig.spec.json'))),
);

describe('builds hold no test code', () => {
  it('is checked for every app and lib with tests', () => {
    for (const app of apps) {
      assert.ok(projects.includes(`apps/${app.name}`), `apps/${app.name} compiles its tests apart (tsconfig.spec.json)`);
    }
  });

  for (const project of projects) {
    it(`${project}/dist: no *.spec, *.int-spec, *.e2e-spec, no testing/`, () => {
      assert.ok(existsSync(join(root, project, 'dist')), `${project} is built (npm test builds first)`);
      const leaked = filesUnder(`${project}/dist`).filter((file) => TEST_FILE.test(file) || file.slice(`${project}/dist/`.length).split('/').includes('testing'));
      assert.deepEqual(leaked, []);
    });
  }
});
