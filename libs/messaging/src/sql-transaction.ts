/**
 * The part of a Prisma interactive-transaction client (`prisma.$transaction(async (tx) => ...)`)
 * that the outbox and the inbox use. Every service's generated client satisfies it, so this lib
 * needs none of them; the SQL is parameterised ($1, $2...), "Unsafe" only in Prisma's naming.
 */
export interface SqlTransaction {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}
