import { generateKeyPairSync } from 'node:crypto';

export interface PemKeyPair {
  /** PKCS#8, as JWT_PRIVATE_KEY expects. */
  privateKey: string;
  /** SPKI, as JWT_PUBLIC_KEY expects. */
  publicKey: string;
}

/** A fresh RSA key pair for a test, in the formats the configuration takes. */
export function generateRsaKeyPair(modulusLength = 2048): PemKeyPair {
  return generateKeyPairSync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
