/** Tokens refused before they expire (log-out), shared with the gateway, which checks it on every request. */
export abstract class TokenDenylist {
  /** Keeps `tokenId` on the list for `ttlMs`, the token's remaining lifetime: after that it is refused as expired anyway. */
  abstract add(tokenId: string, ttlMs: number): Promise<void>;
}
