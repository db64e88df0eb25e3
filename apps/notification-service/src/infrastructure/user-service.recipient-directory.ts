import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { userV1 } from '@shop/contracts';
import { callGrpc, GrpcStatus, ResiliencePolicies } from '@shop/resilience';
import { RecipientDirectory, type Recipient } from '../application/ports/recipient-directory.js';

/** Injection token of the Nest gRPC client for user-service (registered in notifications.module.ts). */
export const USER_GRPC_CLIENT = Symbol('USER_GRPC_CLIENT');

/** The resilience policy of every call to user-service. */
export const USER_GRPC_POLICY = 'user-grpc';

/** Asks user-service (GetUser) for the customer's address, through the `user-grpc` resilience policy. */
@Injectable()
export class UserServiceRecipientDirectory extends RecipientDirectory implements OnModuleInit {
  private users!: userV1.UserServiceClient;

  constructor(
    @Inject(USER_GRPC_CLIENT) private readonly client: ClientGrpc,
    private readonly policies: ResiliencePolicies,
  ) {
    super();
  }

  onModuleInit(): void {
    this.users = this.client.getService<userV1.UserServiceClient>(userV1.USER_SERVICE_NAME);
  }

  async find(userId: string): Promise<Recipient | null> {
    try {
      const { user } = await callGrpc(this.policies.get(USER_GRPC_POLICY), { operation: 'read' }, () => this.users.getUser({ userId }));
      if (!user) throw new Error('user-service answered GetUser without a user');
      return { userId: user.id, email: user.email, name: user.name };
    } catch (error) {
      if (hasGrpcStatus(error, GrpcStatus.NOT_FOUND)) return null;
      throw error;
    }
  }
}

function hasGrpcStatus(error: unknown, status: GrpcStatus): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === status;
}
