import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@shop/contracts';
import { MessageConsumers } from '@shop/messaging';
import { INVENTORY_CONSUMER_GROUP, HandleSagaCommandHandler } from '../../application/handle-saga-command/handle-saga-command.handler.js';

/** Subscribes to the saga's inventory commands once the app is up; MessageConsumers stops it on shutdown. */
@Injectable()
export class InventoryCommandsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: MessageConsumers,
    private readonly handler: HandleSagaCommandHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start({
      groupId: INVENTORY_CONSUMER_GROUP,
      topics: [Topics.inventoryCommands],
      handle: (message) => this.handler.handle(message),
      // The commands a fetch brings from one partition in one transaction (the fallback: one by one).
      batch: (work) => this.handler.inBatch(work),
    });
  }
}
