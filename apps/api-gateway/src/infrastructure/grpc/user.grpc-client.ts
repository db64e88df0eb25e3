import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { userV1 } from '@shop/contracts';
import { ResiliencePolicies, callGrpc } from '@shop/resilience';
import { GRPC_CLIENT_TOKENS } from './grpc-client-tokens.js';
import { requiredField } from './required-field.js';
import { DOWNSTREAM_POLICY } from './resilience-policies.config.js';
import type { UserAccounts } from '../../application/ports/user-accounts.js';

/** user-service: accounts and tokens. */
@Injectable()
export class UserGrpcClient implements UserAccounts, OnModuleInit {
  private users!: userV1.UserServiceClient;

  constructor(
    @Inject(GRPC_CLIENT_TOKENS.user) private readonly client: ClientGrpc,
    private readonly policies: ResiliencePolicies,
  ) {}

  onModuleInit(): void {
    this.users = this.client.getService<userV1.UserServiceClient>(userV1.USER_SERVICE_NAME);
  }

  async register(request: userV1.RegisterRequest): Promise<userV1.User> {
    // Not retried: a retry after a lost reply would find the email taken and answer 409 to a success.
    const response = await callGrpc(this.policy, { operation: 'write', idempotent: false }, () => this.users.register(request));
    return requiredField(response.user, 'Register', 'user');
  }

  /** Issuing another token changes nothing anyone relies on, so a log-in may be retried. */
  login(request: userV1.LoginRequest): Promise<userV1.LoginResponse> {
    return callGrpc(this.policy, { operation: 'write', idempotent: true }, () => this.users.login(request));
  }

  async revokeToken(accessToken: string): Promise<void> {
    await callGrpc(this.policy, { operation: 'write', idempotent: true }, () => this.users.revokeToken({ accessToken }));
  }

  private get policy() {
    return this.policies.get(DOWNSTREAM_POLICY.user);
  }
}
