// The stored form of a password hash, in the PHC string format:
//   $scrypt$ln=15,r=8,p=3$<salt>$<hash>      (salt and hash in base64 without padding)
// Everything needed to verify is in the string, so the parameters can change without a migration.

export interface ScryptParameters {
  /** log2 of N, the CPU/memory cost. */
  readonly logN: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

export interface ScryptHash {
  readonly parameters: ScryptParameters;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const HASH_STRING = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

// Bounds on what a stored string may ask for: a row edited in the database must not make a
// log-in allocate gigabytes, nor shrink the hash until it can be guessed.
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16], saltBytes: [16, 64], hashBytes: [32, 64] } as const;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

export function formatScryptHash({ parameters, salt, hash }: ScryptHash): string {
  return `$scrypt$ln=${parameters.logN},r=${parameters.r},p=${parameters.p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** The parsed string, or undefined when it is not one this service could have written. */
export function parseScryptHash(stored: string): ScryptHash | undefined {
  const match = HASH_STRING.exec(stored);
  if (!match) return undefined;
  const [, logN, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const parsed: ScryptHash = {
    parameters: { logN: Number(logN), r: Number(r), p: Number(p) },
    salt: fromBase64(salt),
    hash: fromBase64(hash),
  };
  return isWithinLimits(parsed) && formatScryptHash(parsed) === stored ? parsed : undefined;
}

/** What node:crypto's scrypt must be allowed to allocate for these parameters (its default cap is 32 MiB). */
export function scryptMemoryBytes({ logN, r, p }: ScryptParameters): number {
  return 128 * r * (2 ** logN + p + 2);
}

function isWithinLimits({ parameters, salt, hash }: ScryptHash): boolean {
  const within = (value: number, [min, max]: readonly [number, number]) => value >= min && value <= max;
  return (
    within(parameters.logN, LIMITS.logN) &&
    within(parameters.r, LIMITS.r) &&
    within(parameters.p, LIMITS.p) &&
    within(salt.length, LIMITS.saltBytes) &&
    within(hash.length, LIMITS.hashBytes) &&
    scryptMemoryBytes(parameters) <= MAX_MEMORY_BYTES
  );
}

function toBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

function fromBase64(text: string): Buffer {
  return Buffer.from(text, 'base64');
}
