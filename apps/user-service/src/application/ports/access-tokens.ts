import type { User } from '../../domain/user.js';

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresInSeconds: number;
}

/** What a token this service issued says, once its signature, issuer and audience are checked. */
export interface VerifiedAccessToken {
  readonly userId: string;
  readonly tokenId: string;
  readonly expiresAt: Date;
}

/** Signed bearer tokens for the gateway. */
export abstract class AccessTokens {
  abstract issue(user: User): Promise<IssuedAccessToken>;

  /**
   * Checks signature, algorithm, issuer and audience, but accepts an expired token: revoking one
   * is harmless. Throws UserError INVALID_TOKEN for anything this service did not issue.
   */
  abstract verifyIgnoringExpiry(token: string): Promise<VerifiedAccessToken>;
}
