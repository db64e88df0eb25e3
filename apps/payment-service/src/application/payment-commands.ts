import { Injectable } from '@nestjs/common';
import type { MessageEnvelope } from '@shop/contracts';
import { IdempotentCommands } from '@shop/messaging';
import type { PaymentReply } from './payment-reply.js';
import { PaymentStore, type PaymentTransaction, type PaymentWrites } from './ports/payment-store.js';

/** The one way a payment command changes payments: once per command, with its reply. */
@Injectable()
export class PaymentCommands {
  constructor(
    private readonly commands: IdempotentCommands<PaymentTransaction>,
    private readonly payments: PaymentStore,
  ) {}

  /**
   * One transaction: claims `command` in the inbox, runs `change`, and writes the reply it returns
   * to the outbox (none when it returns null: the command is handled, and answered by silence).
   * Returns that reply, or null (and changes nothing) when the command was handled before.
   */
  async handleOnce(command: MessageEnvelope, change: (payments: PaymentWrites) => Promise<PaymentReply | null>): Promise<PaymentReply | null> {
    const outcome = await this.commands.handle(command, async (tx) => {
      const reply = await change(this.payments.writesIn(tx));
      return { result: reply, send: reply ? [reply] : [] };
    });
    return outcome.kind === 'handled' ? outcome.result : null;
  }
}
