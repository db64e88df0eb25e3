import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseScryptHash } from './scrypt-hash-string.js';
import { CURRENT_SCRYPT_PARAMETERS, ScryptPasswordHasher } from './scrypt-password-hasher.js';

const password = 'correct horse battery staple';

/** The stored string with one field replaced: `$scrypt$<parameters>$<salt>$<hash>`. */
function withField(stored: string, index: 2 | 3 | 4, replace: (field: string) => string): string {
  const fields = stored.split('$');
  fields[index] = replace(fields[index]!);
  return fields.join('$');
}

/** Changes the first character to another valid base64 character. */
const flipFirstCharacter = (field: string) => (field.startsWith('A') ? 'B' : 'A') + field.slice(1);

describe('password hashing with scrypt', () => {
  const hasher = new ScryptPasswordHasher();
  let stored: string;

  before(async () => {
    stored = await hasher.hash(password);
  });

  it('stores algorithm, parameters, salt and hash in one self-describing string', () => {
    assert.match(stored, /^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.deepEqual(parseScryptHash(stored)?.parameters, CURRENT_SCRYPT_PARAMETERS);
    assert.ok(!stored.includes(password));
  });

  it('accepts the password it hashed', async () => {
    assert.equal(await hasher.verify(password, stored), true);
  });

  it('refuses a wrong password, even one differing only in case or a trailing space', async () => {
    assert.equal(await hasher.verify('correct horse battery stapler', stored), false);
    assert.equal(await hasher.verify('Correct horse battery staple', stored), false);
    assert.equal(await hasher.verify(`${password} `, stored), false);
  });

  it('salts every hash, so one password stored twice gives two different strings', async () => {
    const again = await hasher.hash(password);
    assert.notEqual(again, stored);
    assert.equal(await hasher.verify(password, again), true);
  });

  it('refuses the right password against a stored hash whose hash or salt was tampered with', async () => {
    assert.equal(await hasher.verify(password, withField(stored, 4, flipFirstCharacter)), false);
    assert.equal(await hasher.verify(password, withField(stored, 3, flipFirstCharacter)), false);
  });

  it('refuses the right password against a stored hash whose parameters were changed', async () => {
    assert.equal(await hasher.verify(password, withField(stored, 2, () => 'ln=14,r=8,p=3')), false);
    assert.equal(await hasher.verify(password, withField(stored, 2, () => 'ln=15,r=8,p=2')), false);
  });

  it('refuses, without attempting them, stored strings that are malformed or ask for absurd resources', async () => {
    const refused = [
      '',
      'not a hash',
      stored.replace('$scrypt$', '$argon2id$'),
      stored.slice(0, -1),
      withField(stored, 4, (hash) => hash.slice(0, 8)),
      withField(stored, 2, () => 'ln=30,r=8,p=3'),
      withField(stored, 2, () => 'ln=20,r=32,p=16'),
      `${stored}$extra`,
    ];
    for (const candidate of refused) assert.equal(await hasher.verify(password, candidate), false, candidate);
  });

  it('treats one password typed with composed or decomposed accents as the same password', async () => {
    const composed = 'crème brûlée forever';
    const decomposed = composed.normalize('NFD');
    assert.notEqual(composed, decomposed);
    assert.equal(await hasher.verify(decomposed, await hasher.hash(composed)), true);
  });

  it('still accepts a hash made with older parameters, and asks for it to be rehashed', async () => {
    const older = await new ScryptPasswordHasher({ logN: 14, r: 8, p: 1 }).hash(password);
    assert.equal(await hasher.verify(password, older), true);
    assert.equal(hasher.needsRehash(older), true);
    assert.equal(hasher.needsRehash(stored), false);
  });

  it('answers false for a log-in with no account, whatever the password', async () => {
    assert.equal(await hasher.verifyAgainstNothing(password), false);
    assert.equal(await hasher.verifyAgainstNothing(''), false);
  });
});
