import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type KnownMessage, Topics } from '@shop/contracts';
import { MessageConsumers, NonRetryableMessageError } from '@shop/messaging';
import { CorrelationContext } from '@shop/observability';
import { HandleSagaReplyHandler, SAGA_REPLIES_CONSUMER_GROUP, type SagaReplyMessage } from '../../application/handle-saga-reply/handle-saga-reply.handler.js';
import { isSagaReplyType } from '../../domain/saga/saga-messages.js';

/** Which topics, as which consumer group: the saga's replies, as `order-service`. */
export interface SagaRepliesSubscription {
  groupId: string;
  topics: string[];
}

export const SAGA_REPLIES_SUBSCRIPTION = Symbol('SAGA_REPLIES_SUBSCRIPTION');

export const sagaRepliesSubscription: SagaRepliesSubscription = { groupId: SAGA_REPLIES_CONSUMER_GROUP, topics: [Topics.orderSagaReplies] };

/**
 * Hands each reply of inventory and payment to the saga. Failures are the consumer's to retry
 * (bounded, with backoff) and then dead-letter; what can never succeed is dead-lettered at once.
 */
@Injectable()
export class SagaRepliesConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(SagaRepliesConsumer.name);

  constructor(
    private readonly consumers: MessageConsumers,
    @Inject(SAGA_REPLIES_SUBSCRIPTION) private readonly subscription: SagaRepliesSubscription,
    private readonly replies: HandleSagaReplyHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start({ ...this.subscription, handle: (message) => this.handle(message), batch: (work) => this.replies.inBatch(work) });
  }

  async handle(message: KnownMessage): Promise<void> {
    if (!isSagaReplyType(message.type)) throw new NonRetryableMessageError(`${message.type} v${message.version} is not a saga reply`);
    const outcome = await CorrelationContext.run(message.correlationId, () => this.replies.handle(message as SagaReplyMessage));
    if (outcome.kind === 'duplicate') this.logger.debug(`${message.type} ${message.messageId} was handled before; skipped`);
    if (outcome.kind === 'unknown-saga') {
      throw new NonRetryableMessageError(`${message.type} ${message.messageId} names order ${message.correlationId}, which has no saga here`);
    }
  }
}
