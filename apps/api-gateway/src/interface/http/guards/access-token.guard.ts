import { CanActivate, ExecutionContext, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { AccessTokenVerifier, bearerTokenOf } from '../../../infrastructure/auth/access-token.verifier.js';
import { RevokedTokensStore } from '../../../infrastructure/redis/revoked-tokens.store.js';
import type { AuthenticatedRequest } from './authenticated-request.js';

/** Lets a request through only with `Authorization: Bearer <token>` holding a valid token that was not logged out. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly revokedTokens: RevokedTokensStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) throw new UnauthorizedException('an access token is required: Authorization: Bearer <token>');
    const claims = this.verifier.verifyRequest(request);
    if (!claims) throw new UnauthorizedException('the access token is invalid or expired');
    if (await this.isRevoked(claims.jti)) throw new UnauthorizedException('the access token was revoked');
    request.user = { id: claims.sub, accessToken: token };
    return true;
  }

  // Without the denylist a logged-out token cannot be told from a live one: refuse rather than guess.
  private async isRevoked(jti: string): Promise<boolean> {
    try {
      return await this.revokedTokens.isRevoked(jti);
    } catch (error) {
      throw new ServiceUnavailableException('cannot check the access token right now, try again later', { cause: error });
    }
  }
}
