import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/contracts';
import { z } from 'zod';

/** What the gateway needs from an access token; `exp` is required because jsonwebtoken does not require it. */
const accessTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  jti: z.string().min(1),
  exp: z.number(),
});

export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/**
 * Checks an access token locally with user-service's public key (JwtModule's, see
 * InfrastructureModule). RS256 only: accepting the algorithm a token names would let `none` or an
 * HMAC keyed with the public key through.
 */
@Injectable()
export class AccessTokenVerifier {
  /** Each request's claims, once checked: the rate limiter and the guard both ask for them. */
  private readonly checked = new WeakMap<object, AccessTokenClaims | null>();

  constructor(private readonly jwt: JwtService) {}

  /** The claims of the request's bearer token when it is valid (see verify); null otherwise. Checked once per request. */
  verifyRequest(request: { headers: { authorization?: string | string[] } }): AccessTokenClaims | null {
    if (this.checked.has(request)) return this.checked.get(request) ?? null;
    const token = bearerTokenOf(request.headers.authorization);
    const claims = token ? this.verify(token) : null;
    this.checked.set(request, claims);
    return claims;
  }

  /** The token's claims when its signature, issuer, audience and expiry are valid; null otherwise. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const payload: unknown = this.jwt.verify(token, { algorithms: ['RS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
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
