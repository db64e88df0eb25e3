// The `jwt-keys` one-shot service of docker-compose.yml: makes the RS256 key pair user-service signs
// access tokens with and the gateway verifies them with, on first start only, then exits 0. Later
// starts keep the pair, so tokens issued before a restart stay valid. Nothing secret is committed:
// each installation gets its own pair, in its own volumes.
//
//   node generate-jwt-keys.mjs <private key folder> <public key folder>
//
// Two folders (two volumes) so that the gateway, which mounts only the public one, cannot read the
// signing key. Runs as root in the container (fresh volumes belong to root) and hands the files to
// KEYS_OWNER (`uid:gid`, the apps' unprivileged user), so the private key can stay mode 0600.
// Same file names and formats as the native stack's pair (libs/topology/src/topology.mjs).
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [privateFolder, publicFolder] = process.argv.slice(2);
if (!privateFolder || !publicFolder) {
  console.error('usage: node generate-jwt-keys.mjs <private key folder> <public key folder>');
  process.exit(2);
}
const privateKeyFile = join(privateFolder, 'jwt-private.pem');
const publicKeyFile = join(publicFolder, 'jwt-public.pem');
const owner = ownerFrom(process.env.KEYS_OWNER);

if (existsSync(privateKeyFile)) {
  if (existsSync(publicKeyFile)) {
    console.log(`kept the existing key pair (${privateKeyFile}, ${publicKeyFile})`);
  } else {
    // Derived, not regenerated: a new pair would invalidate every token already issued.
    const publicKey = createPublicKey(readFileSync(privateKeyFile, 'utf8')).export({ type: 'spki', format: 'pem' });
    writeKey(publicKeyFile, publicKey, 0o644);
    console.log(`derived ${publicKeyFile} from the existing private key`);
  }
} else {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // Private first: if the container dies between the two writes, the next start derives the public half.
  writeKey(privateKeyFile, pair.privateKey, 0o600);
  writeKey(publicKeyFile, pair.publicKey, 0o644);
  console.log(`generated an RSA 2048 key pair (${privateKeyFile}, ${publicKeyFile})`);
}

/** Written beside, then renamed: a container killed mid-write never leaves half a key behind. */
function writeKey(path, pem, mode) {
  mkdirSync(join(path, '..'), { recursive: true });
  const partial = `${path}.partial`;
  writeFileSync(partial, pem, { mode });
  if (owner && process.getuid?.() === 0) chownSync(partial, owner.uid, owner.gid);
  renameSync(partial, path);
}

function ownerFrom(text) {
  if (!text) return undefined;
  const [, uid, gid] = text.match(/^(\d+):(\d+)$/) ?? [];
  if (uid === undefined) {
    console.error(`KEYS_OWNER must be uid:gid, e.g. 1000:1000 (got "${text}")`);
    process.exit(2);
  }
  return { uid: Number(uid), gid: Number(gid) };
}
