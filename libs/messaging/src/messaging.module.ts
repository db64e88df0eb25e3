import { type DynamicModule, type InjectionToken, Module, type Provider } from '@nestjs/common';
import { MessageConsumers } from './consumer/message-consumers.js';
import { KafkaConnection } from './kafka/kafka.connection.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxRelayService } from './outbox/outbox-relay.service.js';
import { OutboxWriter } from './outbox/outbox-writer.js';

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  /** The service's PostgreSQL: with it, the outbox relay runs. */
  databaseUrl?: string;
  outbox?: { batchSize?: number; pollIntervalMs?: number; retentionSeconds?: number; writerLeaseMs?: number; stampDelayMs?: number };
}

export interface MessagingModuleOptions {
  useFactory: (...dependencies: never[]) => MessagingOptions;
  inject?: InjectionToken[];
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Kafka for an app, global: `KafkaConnection` (readiness), `MessageConsumers`, and with a
 * database the transactional outbox's relay. `OutboxWriter` writes in the caller's transaction.
 */
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
      {
        provide: KafkaConnection,
        useFactory: (messaging: MessagingOptions) => new KafkaConnection({ clientId: messaging.clientId, brokers: messaging.brokers }),
        inject: [MESSAGING_OPTIONS],
      },
      {
        provide: OutboxRelay,
        useFactory: (messaging: MessagingOptions, connection: KafkaConnection) =>
          messaging.databaseUrl === undefined ? null : new OutboxRelay({ databaseUrl: messaging.databaseUrl, kafka: connection.kafka, ...messaging.outbox }),
        inject: [MESSAGING_OPTIONS, KafkaConnection],
      },
      {
        provide: OutboxRelayService,
        useFactory: (relay: OutboxRelay | null) => (relay === null ? null : new OutboxRelayService(relay)),
        inject: [OutboxRelay],
      },
      MessageConsumers,
      OutboxWriter,
    ];
    return { module: MessagingModule, global: true, providers, exports: [KafkaConnection, MessageConsumers, OutboxWriter, OutboxRelay] };
  }
}
