import { JwtService } from '@nestjs/jwt';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/contracts';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

export function generateSigningKeys(): KeyPair {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export interface TokenOptions {
  userId?: string;
  jti?: string;
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** An access token as user-service issues it: RS256, its issuer and audience, sub, email, jti, exp. */
export function signAccessToken(keys: KeyPair, options: TokenOptions = {}): string {
  return new JwtService().sign(
    { email: 'ada@example.com' },
    {
      privateKey: keys.privateKey,
      algorithm: 'RS256',
      subject: options.userId ?? randomUUID(),
      jwtid: options.jti ?? randomUUID(),
      issuer: options.issuer ?? JWT_ISSUER,
      audience: options.audience ?? JWT_AUDIENCE,
      expiresIn: options.expiresInSeconds ?? 900,
    },
  );
}
