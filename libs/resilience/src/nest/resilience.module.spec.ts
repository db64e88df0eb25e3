import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BrokenCircuitError } from 'cockatiel';
import { GrpcStatus } from '../failures/grpc-status.js';
import { grpcError } from '../testing/resilience.fixtures.js';
import { ResiliencePolicies } from './resilience-policies.js';
import { ResilienceModule, ResilienceModuleOptions } from './resilience.module.js';
import { Resilient } from './resilient.decorator.js';

const fastInventoryPolicy: ResilienceModuleOptions['policies'][string] = {
  retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
  circuitBreaker: { failureThreshold: 3, openDurationMs: 60_000 },
};

/** Stands in for an app's validated configuration. */
class AppConfig {
  readonly inventoryDeadlineMs = 4_000;
}

@Module({ providers: [AppConfig], exports: [AppConfig] })
class ConfigModule {}

@Injectable()
class InventoryClient {
  readonly signals: Array<AbortSignal | undefined> = [];
  answers: Array<() => Promise<string[]>> = [];

  @Resilient('inventory-grpc', { operation: 'read' })
  async getProducts(ids: string[], signal?: AbortSignal): Promise<string[]> {
    this.signals.push(signal);
    const answer = this.answers.shift() ?? (async () => ids);
    return answer();
  }
}

async function start(moduleClass: new () => unknown) {
  return NestFactory.createApplicationContext(moduleClass, { logger: false, abortOnError: false });
}

describe('ResilienceModule', () => {
  it('provides one policy per configured dependency, built from the app configuration', async () => {
    @Module({
      imports: [
        ResilienceModule.forRootAsync({
          imports: [ConfigModule],
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ policies: { 'inventory-grpc': { deadlineMs: config.inventoryDeadlineMs }, 'user-grpc': {} } }),
        }),
      ],
    })
    class AppModule {}
    const app = await start(AppModule);
    const policies = app.get(ResiliencePolicies);

    assert.deepEqual(policies.names(), ['inventory-grpc', 'user-grpc']);
    assert.equal(policies.get('inventory-grpc').options.deadlineMs, 4_000);
    assert.equal(policies.get('user-grpc').options.deadlineMs, 5_000);
    assert.throws(() => policies.get('inventory'), /No resilience policy named "inventory"; configured: inventory-grpc, user-grpc/);
    await app.close();
  });

  it('refuses to start with invalid options, naming the dependency', async () => {
    @Module({ imports: [ResilienceModule.forRoot({ policies: { 'payment-gateway': { retry: { maxAttempts: 0 } } } })] })
    class AppModule {}
    await assert.rejects(start(AppModule), /Invalid resilience options for "payment-gateway": retry\.maxAttempts/);
  });

  it('runs @Resilient methods through their policy, handing them the attempt signal', async () => {
    @Module({ imports: [ResilienceModule.forRoot({ policies: { 'inventory-grpc': fastInventoryPolicy } })], providers: [InventoryClient] })
    class AppModule {}
    const app = await start(AppModule);
    const client = app.get(InventoryClient);
    const policy = app.get(ResiliencePolicies).get('inventory-grpc');

    client.answers = [() => Promise.reject(grpcError(GrpcStatus.UNAVAILABLE))];
    assert.deepEqual(await client.getProducts(['sku-1']), ['sku-1'], 'retried after UNAVAILABLE');
    assert.equal(client.signals.length, 2);
    assert.ok(client.signals.every((signal) => signal instanceof AbortSignal));

    client.answers = Array.from({ length: 3 }, () => () => Promise.reject(grpcError(GrpcStatus.UNAVAILABLE)));
    await assert.rejects(client.getProducts(['sku-2']), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(policy.state, 'open');
    await assert.rejects(client.getProducts(['sku-3']), BrokenCircuitError);
    await app.close();
  });

  it('refuses to start when a @Resilient method names an unknown policy', async () => {
    @Injectable()
    class Misnamed {
      @Resilient('inventroy-grpc', { operation: 'read' })
      async list(signal?: AbortSignal): Promise<AbortSignal | undefined> {
        return signal;
      }
    }
    @Module({ imports: [ResilienceModule.forRoot({ policies: { 'inventory-grpc': {} } })], providers: [Misnamed] })
    class AppModule {}
    await assert.rejects(start(AppModule), /No resilience policy named "inventroy-grpc"/);
  });

  it('refuses to start when a @Resilient method has no parameter for the signal', async () => {
    @Injectable()
    class NoSignal {
      @Resilient('inventory-grpc', { operation: 'read' })
      async list(): Promise<string> {
        return 'unprotected';
      }
    }
    @Module({ imports: [ResilienceModule.forRoot({ policies: { 'inventory-grpc': {} } })], providers: [NoSignal] })
    class AppModule {}
    await assert.rejects(start(AppModule), /@Resilient NoSignal\.list must declare an AbortSignal as its last parameter/);
  });

  it('is global: feature modules inject ResiliencePolicies without importing it', async () => {
    @Injectable()
    class OrderGateway {
      constructor(@Inject(ResiliencePolicies) readonly policies: ResiliencePolicies) {}
    }
    @Module({ providers: [OrderGateway], exports: [OrderGateway] })
    class OrdersModule {}
    @Module({ imports: [ResilienceModule.forRoot({ policies: { 'order-grpc': {} } }), OrdersModule] })
    class AppModule {}
    const app = await start(AppModule);
    assert.equal(app.get(OrderGateway).policies.get('order-grpc').name, 'order-grpc');
    await app.close();
  });
});
