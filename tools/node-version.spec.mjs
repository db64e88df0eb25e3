// One Node.js for everything: the `node` devDependency that the build, the tests and the native
// stack run on, the `engines` range that package.json promises, and the Docker images' base.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('..', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const declared = manifest.devDependencies.node;
const dockerfile = readFileSync(new URL('infra/docker/Dockerfile', root), 'utf8');

describe('the Node.js version', () => {
  it('is declared once, as an exact version of the node devDependency', () => {
    assert.match(declared, /^\d+\.\d+\.\d+$/);
  });

  it('is the one engines asks for', () => {
    assert.equal(manifest.engines.node, `^${declared}`);
  });

  it('is the Docker images\' base', () => {
    const image = /^ARG NODE_IMAGE=node:(\S+?)-/m.exec(dockerfile)?.[1];
    assert.equal(image, declared, 'infra/docker/Dockerfile ARG NODE_IMAGE');
  });

  it('runs this test', () => {
    assert.equal(process.versions.node, declared);
  });
});
