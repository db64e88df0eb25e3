import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, RpcException, Transport, type ClientGrpcProxy } from '@nestjs/microservices';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { firstValueFrom } from 'rxjs';
import { userV1 } from './grpc-packages.js';
import { grpcOptionsFor } from './grpc-services.js';

const knownUser: userV1.User = {
  id: '9d2b7c1a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  email: 'ada@example.com',
  name: 'Ada',
  createdAt: '2025-01-02T03:04:05.000Z',
};

const notImplemented = () => new RpcException({ code: GrpcStatus.UNIMPLEMENTED, message: 'not in this test' });

/**
 * A user-service stand-in written against the generated controller interface and decorator; the
 * decorator needs every RPC of the service to exist on the class.
 */
@Controller()
@userV1.UserServiceControllerMethods()
class UserGrpcController implements userV1.UserServiceController {
  register(): never {
    throw notImplemented();
  }

  login(): never {
    throw notImplemented();
  }

  revokeToken(): never {
    throw notImplemented();
  }

  getUser(request: userV1.GetUserRequest): userV1.GetUserResponse {
    if (request.userId !== knownUser.id) throw new RpcException({ code: GrpcStatus.NOT_FOUND, message: 'USER.NOT_FOUND' });
    return { user: knownUser };
  }
}

@Module({ controllers: [UserGrpcController] })
class UserGrpcModule {}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the generated gRPC code with NestJS', () => {
  let server: INestMicroservice;
  let client: ClientGrpcProxy;
  let users: userV1.UserServiceClient;

  before(async () => {
    const url = `127.0.0.1:${await freePort()}`;
    server = await NestFactory.createMicroservice(UserGrpcModule, {
      transport: Transport.GRPC,
      options: grpcOptionsFor('user', url),
      logger: false,
    });
    await server.listen();
    client = ClientProxyFactory.create({ transport: Transport.GRPC, options: grpcOptionsFor('user', url) }) as ClientGrpcProxy;
    users = client.getService<userV1.UserServiceClient>(userV1.USER_SERVICE_NAME);
  });

  after(async () => {
    client?.close();
    await server?.close();
  });

  it('routes a call from a generated client to a controller decorated with the generated methods', async () => {
    const response = await firstValueFrom(users.getUser({ userId: knownUser.id }));
    assert.deepEqual(response, { user: knownUser });
  });

  it('carries a controller\'s gRPC status code back to the client', async () => {
    await assert.rejects(firstValueFrom(users.getUser({ userId: 'someone-else' })), (error: { code?: number; details?: string }) => {
      assert.equal(error.code, GrpcStatus.NOT_FOUND);
      assert.equal(error.details, 'USER.NOT_FOUND');
      return true;
    });
  });
});
