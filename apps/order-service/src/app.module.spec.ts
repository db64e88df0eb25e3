// The composition root resolves: every use case, adapter and driver finds what it needs. Nothing is
// started (no init): no consumer joins the stack's group, no relay or sweeper runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceConfigModule } from '@shop/bootstrap';
import { AppModule } from './app.module.js';
import { configSchema } from './config.js';
import { OrderGrpcController } from './interface/grpc/order.grpc-controller.js';
import { SagaRepliesConsumer } from './interface/messaging/saga-replies.consumer.js';
import { SagaDeadlineScheduler } from './interface/scheduling/saga-deadline.scheduler.js';

describe('the order-service app module', () => {
  it('wires the gRPC API, the reply consumer and the deadline scheduler', async () => {
    const config = configSchema.parse({
      DATABASE_URL: 'postgresql://order_service@127.0.0.1:1/order_service',
      KAFKA_BROKERS: '127.0.0.1:1',
      INVENTORY_GRPC_URL: '127.0.0.1:1',
    });
    @Module({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
    class Root {}
    const app = await NestFactory.create(Root, { logger: false, abortOnError: false });
    try {
      assert.ok(app.get(OrderGrpcController));
      assert.ok(app.get(SagaRepliesConsumer));
      assert.ok(app.get(SagaDeadlineScheduler));
    } finally {
      await app.close();
    }
  });
});
