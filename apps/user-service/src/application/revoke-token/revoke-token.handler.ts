import { Injectable } from '@nestjs/common';
import { AccessTokens } from '../ports/access-tokens.js';
import { TokenDenylist } from '../ports/token-denylist.js';
import type { RevokeTokenCommand } from './revoke-token.command.js';

@Injectable()
export class RevokeTokenHandler {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly denylist: TokenDenylist,
  ) {}

  /**
   * Log-out: the token is refused from now until it expires. Idempotent; an already expired token
   * needs nothing. INVALID_TOKEN for a token this service did not issue.
   */
  async execute(command: RevokeTokenCommand): Promise<void> {
    const token = await this.tokens.verifyIgnoringExpiry(command.accessToken);
    const remainingMs = token.expiresAt.getTime() - Date.now();
    if (remainingMs > 0) await this.denylist.add(token.tokenId, remainingMs);
  }
}
