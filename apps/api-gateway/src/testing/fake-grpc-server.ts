import { INestMicroservice, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { type GrpcServiceKey, grpcOptionsFor } from '@shop/contracts';
import { freePort } from '@shop/testing';

/** Injection token of the state a fake controller answers from; the test holds the same object. */
export const FAKE_STATE = Symbol('FAKE_STATE');

export interface FakeGrpcServer {
  url: string;
  stop(): Promise<void>;
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
