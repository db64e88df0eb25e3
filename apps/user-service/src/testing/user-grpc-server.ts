import { type INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientGrpcProxy, type MicroserviceOptions } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { ServiceConfigModule } from '@shop/bootstrap';
import { grpcOptionsFor, userV1 } from '@shop/contracts';
import { OutboxRelay } from '@shop/messaging';
import { freePort } from '@shop/testing';
import { AppModule } from '../app.module.js';
import { configSchema, type Config } from '../config.js';

export interface RunningUserService {
  readonly config: Config;
  readonly users: userV1.UserServiceClient;
  close(): Promise<void>;
}

/**
 * The real AppModule served over gRPC on a free loopback port, with a grpc-js client to it: what
 * runService does minus HTTP, logs and telemetry. `env` is validated by the real config schema.
 * The outbox relay stays off: the rows are written (and asserted) all the same, but a test must not
 * publish its made-up users to the shared `user.events.v1` topic. The relay has its own tests in
 * libs/messaging.
 */
export async function startUserService(env: Record<string, string>): Promise<RunningUserService> {
  const config = configSchema.parse({ ...env, GRPC_PORT: String(await freePort()), NODE_ENV: 'test' });
  const url = `127.0.0.1:${config.GRPC_PORT}`;

  const moduleRef = await Test.createTestingModule({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
    .overrideProvider(OutboxRelay)
    .useValue(null)
    .compile();
  const server: INestMicroservice = moduleRef.createNestMicroservice<MicroserviceOptions>({
    transport: Transport.GRPC,
    options: grpcOptionsFor('user', url),
    logger: ['error'],
  });
  await server.listen();
  const client = ClientProxyFactory.create({ transport: Transport.GRPC, options: grpcOptionsFor('user', url) }) as ClientGrpcProxy;
  return {
    config,
    users: client.getService<userV1.UserServiceClient>(userV1.USER_SERVICE_NAME),
    close: async () => {
      client.close();
      await server.close();
    },
  };
}
