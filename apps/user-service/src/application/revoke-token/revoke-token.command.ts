export interface RevokeTokenCommand {
  readonly accessToken: string;
}
