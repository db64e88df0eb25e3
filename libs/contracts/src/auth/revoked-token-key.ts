// The access-token contract between user-service (which issues and revokes tokens) and the
// api-gateway (which verifies them and refuses revoked ones): both import it from here, so the
// Redis key and the claims they check cannot drift apart.

/** The `iss` claim of every access token; verifiers must require it. */
export const JWT_ISSUER = 'shop-user-service';

/** The `aud` claim of every access token; verifiers must require it. */
export const JWT_AUDIENCE = 'shop-api';

const REVOKED_TOKEN_KEY_PREFIX = 'auth:revoked:';

/**
 * The Redis key that marks a token as revoked (logged out), by its `jti` claim. It exists until the
 * token would have expired anyway: its TTL is the token's remaining lifetime.
 */
export function revokedTokenKey(jti: string): string {
  return `${REVOKED_TOKEN_KEY_PREFIX}${jti}`;
}
