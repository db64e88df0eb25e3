// A real gRPC server speaking shop.user.v1.UserService, standing in for user-service in tests:
// GetUser answers from a map of users, NOT_FOUND otherwise; the other RPCs are UNIMPLEMENTED.
import * as grpc from '@grpc/grpc-js';
import type { userV1 } from '@shop/contracts';
import { serviceDefinition } from './grpc-test-client.js';

export interface FakeUserService {
  /** `127.0.0.1:<port>`, for USER_GRPC_URL. */
  url: string;
  add(user: userV1.User): void;
  /** GetUser calls received, by user id. */
  calls: string[];
  stop(): Promise<void>;
}

export async function startFakeUserService(): Promise<FakeUserService> {
  const users = new Map<string, userV1.User>();
  const calls: string[] = [];
  const server = new grpc.Server();
  const getUser: grpc.handleUnaryCall<userV1.GetUserRequest, userV1.GetUserResponse> = (call, callback) => {
    calls.push(call.request.userId);
    const user = users.get(call.request.userId);
    if (user) callback(null, { user });
    else callback({ code: grpc.status.NOT_FOUND, details: 'USER.NOT_FOUND' });
  };
  server.addService(serviceDefinition('user').service, { GetUser: getUser });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    url: `127.0.0.1:${port}`,
    add: (user) => users.set(user.id, user),
    calls,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
