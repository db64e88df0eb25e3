import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/contracts';
import { z } from 'zod';
import type { Config } from '../../config.js';

/** What the gateway needs from an access token; `exp` is required because jsonwebtoken does not require it. */
const accessTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  jti: z.string().min(1),
  exp: z.number(),
});

export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/**
 * Checks an access token locally with user-service's public key. RS256 only: accepting the
 * algorithm a token names would let `none` or an HMAC keyed with the public key through.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    @Inject(SERVICE_CONFIG) private readonly config: Config,
  ) {}

  /** The token's claims when its signature, issuer, audience and expiry are valid; null otherwise. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const payload: unknown = this.jwt.verify(token, {
        publicKey: this.config.JWT_PUBLIC_KEY,
        algorithms: ['RS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
      const claims = accessTokenClaimsSchema.safeParse(payload);
      return claims.success ? claims.data : null;
    } catch {
      return null;
    }
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerTokenOf(authorization: string | string[] | undefined): string | null {
  if (typeof authorization !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1] ?? null;
}
