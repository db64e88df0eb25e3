// Runs the compose `jwt-keys` one-shot script with the local node, on temporary folders standing in
// for its two volumes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const script = new URL('./generate-jwt-keys.mjs', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'jwt-keys-'));
after(() => rmSync(root, { recursive: true, force: true }));

let runs = 0;
function volumes() {
  runs += 1;
  return { privateFolder: join(root, `${runs}`, 'private'), publicFolder: join(root, `${runs}`, 'public') };
}

function generate({ privateFolder, publicFolder }, env = {}) {
  return spawnSync(process.execPath, [script, privateFolder, publicFolder], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
}

const keysIn = ({ privateFolder, publicFolder }) => ({
  privateKey: readFileSync(join(privateFolder, 'jwt-private.pem'), 'utf8'),
  publicKey: readFileSync(join(publicFolder, 'jwt-public.pem'), 'utf8'),
});

describe('generate-jwt-keys.mjs (compose jwt-keys service)', () => {
  it('makes an RSA 2048 pair, PKCS#8 private key readable by its owner only and its SPKI public half, and exits 0', () => {
    const folders = volumes();
    const run = generate(folders);
    assert.equal(run.status, 0, run.stderr);
    const { privateKey, publicKey } = keysIn(folders);
    assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
    const key = createPrivateKey(privateKey);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }), createPublicKey(publicKey).export({ type: 'spki', format: 'der' }));
    assert.equal(statSync(join(folders.privateFolder, 'jwt-private.pem')).mode & 0o777, 0o600);
  });

  it('keeps the pair it finds, so tokens issued before a restart stay valid', () => {
    const folders = volumes();
    assert.equal(generate(folders).status, 0);
    const first = keysIn(folders);
    const again = generate(folders);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(keysIn(folders), first);
  });

  it('derives a missing public half from the private key instead of replacing the pair', () => {
    const folders = volumes();
    assert.equal(generate(folders).status, 0);
    const { privateKey, publicKey } = keysIn(folders);
    rmSync(join(folders.publicFolder, 'jwt-public.pem'));
    assert.equal(generate(folders).status, 0);
    assert.deepEqual(keysIn(folders), { privateKey, publicKey });
  });

  it('fails, so the apps waiting for it do not start, when a folder cannot be written', () => {
    const folders = volumes();
    // A regular file where the private key folder should be.
    writeFileSync(join(root, 'not-a-folder'), '');
    const run = generate({ ...folders, privateFolder: join(root, 'not-a-folder') });
    assert.notEqual(run.status, 0);
  });

  it('refuses a KEYS_OWNER that is not uid:gid', () => {
    const run = generate(volumes(), { KEYS_OWNER: 'node' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /KEYS_OWNER must be uid:gid/);
  });
});
