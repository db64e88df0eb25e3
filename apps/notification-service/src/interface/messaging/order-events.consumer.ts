import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { type KnownMessage, parseMessage, Topics } from '@shop/contracts';
import { MessageConsumers, type RetryOptionsInput } from '@shop/messaging';
import { CorrelationContext } from '@shop/observability';
import { NotifyOrderOutcomeHandler } from '../../application/notify-order-outcome/notify-order-outcome.handler.js';
import { isOrderOutcomeMessage } from '../../application/notify-order-outcome/order-outcome.message.js';

export interface OrderEventsSubscription {
  groupId: string;
  topic: string;
  /** The consumer's defaults (3 attempts, backoff from 1 s) unless set. */
  retry?: RetryOptionsInput;
}

/** Injection token of where the order events are read from; tests use a topic and group of their own. */
export const ORDER_EVENTS_SUBSCRIPTION = Symbol('ORDER_EVENTS_SUBSCRIPTION');

/**
 * What fails here and is retried is a dependency's outage (user-service for the address, the mail
 * server), not the event: 12 attempts, 1 s doubling to 10 s apart (42 to 85 s in all with the
 * consumer's half jitter, a heartbeat before each), outlast a restart and the `user-grpc` breaker's
 * 30 s open time after it, so an outage delays the email and dead-letters nothing. What can never
 * succeed is dead-lettered at once.
 */
export const DEFAULT_ORDER_EVENTS_SUBSCRIPTION: OrderEventsSubscription = {
  groupId: 'notification-service',
  topic: Topics.orderEvents,
  retry: { maxAttempts: 12, initialDelayMs: 1_000, maxDelayMs: 10_000 },
};

/**
 * Feeds the order outcome events to NotifyOrderOutcomeHandler. A thrown error is retried by the consumer
 * with backoff, then the event is dead-lettered to `order.events.v1.dlt` (its notification stays
 * PENDING until the event is replayed). Other types on the topic are not this service's business.
 */
@Injectable()
export class OrderEventsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrderEventsConsumer.name);

  constructor(
    private readonly consumers: MessageConsumers,
    private readonly notifyOrderOutcome: NotifyOrderOutcomeHandler,
    @Inject(ORDER_EVENTS_SUBSCRIPTION) private readonly subscription: OrderEventsSubscription,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start({
      groupId: this.subscription.groupId,
      topics: [this.subscription.topic],
      ...(this.subscription.retry ? { retry: this.subscription.retry } : {}),
      // Read as order events whatever the topic is called, so a test's own topic parses like the real one.
      parse: (raw) => parseMessage(raw, Topics.orderEvents),
      handle: (message) => this.handle(message),
    });
  }

  private async handle(message: KnownMessage): Promise<void> {
    if (!isOrderOutcomeMessage(message)) return;
    await CorrelationContext.run(message.correlationId, async () => {
      const result = await this.notifyOrderOutcome.handle(message);
      // Debug, not info: a line per message is a cost at every order (README "Benchmarks").
      this.logger.debug(`${message.type} ${message.messageId} for order ${message.payload.orderId}: ${result}`);
    });
  }
}
