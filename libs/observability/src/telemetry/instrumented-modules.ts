/**
 * The modules the instrumentations of instrumentations.ts patch, by the names they register
 * (a test checks the two lists agree): the module loading hook wraps these and nothing else.
 * Node's built-ins under both of their names.
 */
export const INSTRUMENTED_MODULES: readonly string[] = [
  'http',
  'node:http',
  'https',
  'node:https',
  'express',
  '@grpc/grpc-js',
  'kafkajs',
  'pg',
  'pg-pool',
  'ioredis',
  'mongodb',
  '@prisma/client',
];
