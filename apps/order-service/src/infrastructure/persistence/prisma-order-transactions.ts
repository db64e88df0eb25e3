import { Injectable } from '@nestjs/common';
import { OrderTransactions, type OrderTransaction } from '../../application/ports/order-transactions.js';
import { type Prisma, PrismaClient } from '../../generated/prisma/client.js';

/**
 * Interactive Prisma transactions, READ COMMITTED as PostgreSQL's default: the saga row lock
 * (FOR UPDATE) serialises the work on one saga, and nothing else needs more.
 */
@Injectable()
export class PrismaOrderTransactions extends OrderTransactions {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  run<T>(work: (tx: OrderTransaction) => Promise<T>): Promise<T> {
    // Generous waits: under a burst of orders, a transaction may queue for a pooled connection.
    return this.prisma.$transaction((tx) => work(tx), { maxWait: 10_000, timeout: 15_000 });
  }
}

/**
 * The Prisma client of a transaction opened by PrismaOrderTransactions. The application passes it
 * around as an opaque OrderTransaction; only this layer reads it as what it is.
 */
export function prismaIn(tx: OrderTransaction): Prisma.TransactionClient {
  return tx as Prisma.TransactionClient;
}
