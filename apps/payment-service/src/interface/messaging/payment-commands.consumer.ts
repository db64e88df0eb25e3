import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuthorizePaymentCommand, CapturePaymentCommand, isMessageOf, type KnownMessage, Topics, VoidPaymentCommand } from '@shop/contracts';
import { MessageConsumers, NonRetryableMessageError } from '@shop/messaging';
import { CorrelationContext } from '@shop/observability';
import { AuthorizePaymentHandler } from '../../application/authorize-payment/authorize-payment.handler.js';
import { CapturePaymentHandler } from '../../application/capture-payment/capture-payment.handler.js';
import { VoidPaymentHandler } from '../../application/void-payment/void-payment.handler.js';
import { PaymentError } from '../../domain/payment.errors.js';
import { PAYMENT_CONSUMER_GROUP } from '../../infrastructure/consumer-group.js';

/** Which topics, as which consumer group: the saga's payment commands, as `payment-service`. */
export interface PaymentCommandsSubscription {
  groupId: string;
  topics: string[];
}

export const PAYMENT_COMMANDS_SUBSCRIPTION = Symbol('PAYMENT_COMMANDS_SUBSCRIPTION');

export const paymentCommandsSubscription: PaymentCommandsSubscription = { groupId: PAYMENT_CONSUMER_GROUP, topics: [Topics.paymentCommands] };

/**
 * Hands each saga command to its use case. The replies are written to the outbox by the use case,
 * in the transaction of its effect; this class only routes and classifies failures.
 */
@Injectable()
export class PaymentCommandsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(PaymentCommandsConsumer.name);

  constructor(
    private readonly consumers: MessageConsumers,
    @Inject(PAYMENT_COMMANDS_SUBSCRIPTION) private readonly subscription: PaymentCommandsSubscription,
    private readonly authorize: AuthorizePaymentHandler,
    private readonly capture: CapturePaymentHandler,
    private readonly voidPayment: VoidPaymentHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start({ ...this.subscription, handle: (message) => this.handle(message) });
  }

  async handle(message: KnownMessage): Promise<void> {
    try {
      // Every log line of the command carries the order id, even when no baggage came with it.
      await CorrelationContext.run(message.correlationId, () => this.dispatch(message));
    } catch (error) {
      // A payment rule said no: retrying changes nothing, so straight to the dead-letter topic.
      if (error instanceof PaymentError) {
        const refusal = `${error.code}: ${error.detail}`;
        this.logger.error(`${message.type} ${message.messageId} for order ${message.correlationId} refused: ${refusal}`);
        throw new NonRetryableMessageError(refusal, { cause: error });
      }
      throw error; // retried with backoff, then dead-lettered
    }
  }

  private async dispatch(message: KnownMessage): Promise<void> {
    if (isMessageOf(AuthorizePaymentCommand, message)) await this.authorize.handle(message);
    else if (isMessageOf(CapturePaymentCommand, message)) await this.capture.handle(message);
    else if (isMessageOf(VoidPaymentCommand, message)) await this.voidPayment.handle(message);
    else throw new NonRetryableMessageError(`${message.type} v${message.version} is not a payment command`);
  }
}
