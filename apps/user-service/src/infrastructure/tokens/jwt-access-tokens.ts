import type { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AccessTokens, type IssuedAccessToken, type VerifiedAccessToken } from '../../application/ports/access-tokens.js';
import type { User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';

/** The claims this service puts in every token (besides iss, aud and iat), checked again on the way back in. */
const accessTokenClaims = z.object({
  sub: z.uuid(),
  email: z.string(),
  jti: z.uuid(),
  exp: z.number().int(),
});

/** The errors jsonwebtoken throws for a token it refuses, as opposed to a failure of its own. */
const REFUSED_TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** RS256 access tokens through @nestjs/jwt, configured by accessTokenJwtOptions. */
export class JwtAccessTokens extends AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly ttlSeconds: number,
  ) {
    super();
  }

  async issue(user: User): Promise<IssuedAccessToken> {
    // jti names this token alone, so log-out can revoke it without touching the user's other sessions.
    const token = await this.jwt.signAsync({ email: user.email }, { subject: user.id, jwtid: randomUUID() });
    return { token, expiresInSeconds: this.ttlSeconds };
  }

  async verifyIgnoringExpiry(token: string): Promise<VerifiedAccessToken> {
    const claims = accessTokenClaims.safeParse(await this.verifySignature(token));
    if (!claims.success) throw UserError.invalidToken();
    return { userId: claims.data.sub, tokenId: claims.data.jti, expiresAt: new Date(claims.data.exp * 1000) };
  }

  private async verifySignature(token: string): Promise<unknown> {
    try {
      return await this.jwt.verifyAsync(token, { ignoreExpiration: true });
    } catch (error) {
      if (error instanceof Error && REFUSED_TOKEN_ERRORS.has(error.name)) throw UserError.invalidToken();
      throw error;
    }
  }
}
