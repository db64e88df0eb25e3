import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { KnownMessage } from '@shop/contracts';
import { KafkaConnection } from '../kafka/kafka.connection.js';
import { MessageConsumer, type MessageConsumerOptions } from './message-consumer.js';

/**
 * Starts the app's consumers and stops them when the app shuts down (after HTTP stopped taking
 * requests): each finishes the message in hand, commits it, and leaves its group.
 */
@Injectable()
export class MessageConsumers implements OnModuleDestroy {
  private readonly running: MessageConsumer<unknown>[] = [];

  constructor(private readonly connection: KafkaConnection) {}

  async start<TMessage = KnownMessage>(options: MessageConsumerOptions<TMessage>): Promise<MessageConsumer<TMessage>> {
    const consumer = new MessageConsumer<TMessage>(this.connection.kafka, options);
    await consumer.start();
    this.running.push(consumer as MessageConsumer<unknown>);
    return consumer;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.running.splice(0).map((consumer) => consumer.stop()));
  }
}
