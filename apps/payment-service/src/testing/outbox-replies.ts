import type { MessageEnvelope } from '@shop/contracts';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface WrittenReply extends MessageEnvelope {
  topic: string;
  key: string;
}

/** The replies written to the outbox for an order, oldest first, as the relay would publish them. */
export async function repliesInOutbox(prisma: PrismaClient, orderId: string): Promise<WrittenReply[]> {
  const rows = await prisma.outboxMessage.findMany({ where: { messageKey: orderId }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ topic: row.topic, key: row.messageKey, ...(JSON.parse(row.value) as MessageEnvelope) }));
}
