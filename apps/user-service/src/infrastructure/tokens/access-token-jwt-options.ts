import type { JwtModuleOptions } from '@nestjs/jwt';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/contracts';

export interface AccessTokenKeys {
  /** PEM PKCS#8 RSA private key. */
  privateKey: string;
  /** PEM SPKI RSA public key. */
  publicKey: string;
  ttlSeconds: number;
}

/**
 * RS256 only, in both directions: pinning the verifier's algorithms is what refuses `alg: none`
 * and the HS256-signed-with-the-public-key forgery.
 */
export function accessTokenJwtOptions(keys: AccessTokenKeys): JwtModuleOptions {
  return {
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    signOptions: { algorithm: 'RS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: keys.ttlSeconds },
    verifyOptions: { algorithms: ['RS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
  };
}
