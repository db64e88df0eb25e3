import type { userV1 } from '@shop/contracts';

/** user-service: accounts, log-in, revocation of access tokens. */
export abstract class UserAccounts {
  abstract register(request: userV1.RegisterRequest): Promise<userV1.User>;
  abstract login(request: userV1.LoginRequest): Promise<userV1.LoginResponse>;
  abstract revokeToken(accessToken: string): Promise<void>;
}
