// Where the native stack's infrastructure runs, read from @shop/topology (the one
// description of it) so a moved port (PG_PORT, KAFKA_PORT, ...) reaches the tests as well.
import { resolve } from 'node:path';

/** libs/testing/dist (or src) → the repository root. */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..', '..');

interface Endpoint {
  host: string;
  port: number;
}

export interface StackTopology {
  infra: { postgres: Endpoint & { adminUser: string }; redis: Endpoint; kafka: Endpoint; mongo: Endpoint };
  /** `host:port` of the Kafka broker, as KAFKA_BROKERS takes it. */
  kafkaBrokers: string;
  redisUrl: string;
}

export async function stackTopology(): Promise<StackTopology> {
  return (await import('@shop/topology')) as StackTopology;
}
