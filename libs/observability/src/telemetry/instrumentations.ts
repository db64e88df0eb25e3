import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import type { IncomingMessage } from 'node:http';
import { labelUnmatchedRoute } from './http-route-label.js';

/** Paths polled every few seconds by orchestrators and Prometheus: no span, no RED sample. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

const PRISMA_INNER_SPANS = ['prisma:client:serialize', 'prisma:client:compile', 'prisma:client:db_query', 'prisma:client:start_transaction', 'prisma:client:commit_transaction', 'prisma:client:connect'];

/**
 * Everything the apps talk through. Each one propagates the trace context on its own transport:
 * HTTP and gRPC through `traceparent` headers and metadata, kafkajs through message headers.
 */
export function instrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
      responseHook: labelUnmatchedRoute,
    }),
    // Finds the route template (`/orders/:id`) that labels the HTTP metrics and names the span.
    new ExpressInstrumentation(),
    new GrpcInstrumentation(),
    new KafkaJsInstrumentation(),
    // Statement text only, never parameter values: those can be e-mail addresses or tokens. No
    // span for taking a pooled connection (two per transaction, and it says nothing a slow query
    // span would not), none for a query outside a trace (the pollers').
    new PgInstrumentation({ enhancedDatabaseReporting: false, ignoreConnectSpans: true, requireParentSpan: true }),
    new IORedisInstrumentation(),
    new MongoDBInstrumentation(),
    // Prisma's operation span (model and action) and its transaction span; not the steps inside
    // an operation (serialize, compile to SQL, run it: the pg instrumentation's span under it says
    // the same with the statement), which were a third of all spans and their export cost.
    // Built against an older @opentelemetry/instrumentation, whose type differs only nominally.
    new PrismaInstrumentation({ ignoreSpanTypes: PRISMA_INNER_SPANS }) as unknown as Instrumentation,
  ];
}
