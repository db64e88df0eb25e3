import { INestMicroservice, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { type GrpcServiceKey, grpcOptionsFor } from '@shop/contracts';
import { createServer } from 'node:net';

/** Injection token of the state a fake controller answers from; the test holds the same object. */
export const FAKE_STATE = Symbol('FAKE_STATE');

export interface FakeGrpcServer {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A stand-in for a downstream service: a real NestJS gRPC server on a free port serving the .proto
 * contract through `controller`, which answers from `state`. Pass `url` to start it again on the
 * address a stopped one had.
 */
export async function startFakeGrpcServer(service: GrpcServiceKey, controller: Type, state: object, url?: string): Promise<FakeGrpcServer> {
  const address = url ?? `127.0.0.1:${await freePort()}`;
  @Module({ controllers: [controller], providers: [{ provide: FAKE_STATE, useValue: state }] })
  class FakeServiceModule {}
  const server: INestMicroservice = await NestFactory.createMicroservice(FakeServiceModule, {
    transport: Transport.GRPC,
    options: grpcOptionsFor(service, address),
    logger: false,
  });
  await server.listen();
  return { url: address, stop: () => server.close() };
}
