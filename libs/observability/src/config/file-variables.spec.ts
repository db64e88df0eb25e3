import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveFileVariables } from './load-config.js';

describe('X_FILE variables (Docker secrets)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'file-variables-'));
  const secret = join(folder, 'jwt-private.pem');
  writeFileSync(secret, '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');

  it('sets X to the trimmed contents of the file X_FILE names', () => {
    const env = resolveFileVariables({ JWT_PRIVATE_KEY_FILE: secret }, ['JWT_PRIVATE_KEY']);
    assert.deepEqual(env, { JWT_PRIVATE_KEY_FILE: secret, JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' });
  });

  it('lets X win over X_FILE when both are set', () => {
    const env = resolveFileVariables({ JWT_PRIVATE_KEY: 'inline', JWT_PRIVATE_KEY_FILE: secret }, ['JWT_PRIVATE_KEY']);
    assert.equal(typeof env === 'object' && env.JWT_PRIVATE_KEY, 'inline');
  });

  it('leaves alone *_FILE variables that name none of the app\'s variables', () => {
    const env = { TF_CLI_CONFIG_FILE: join(folder, 'absent') };
    assert.deepEqual(resolveFileVariables(env, ['JWT_PRIVATE_KEY']), env);
  });

  it('names the variable and the path of a file that cannot be read', () => {
    const missing = join(folder, 'missing.pem');
    assert.equal(resolveFileVariables({ JWT_PRIVATE_KEY_FILE: missing }, ['JWT_PRIVATE_KEY']), `JWT_PRIVATE_KEY_FILE names a file that cannot be read (ENOENT: ${missing})`);
  });
});
