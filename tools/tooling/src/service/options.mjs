// The generator's options, checked and completed before anything is written: a refused option
// leaves the workspace untouched.
import { serviceNames } from './names.mjs';

export const DATASTORES = ['postgres', 'mongo', 'none'];

/** `--grpc false` arrives as the string "false" from some shells and as a boolean from Nx: both count. */
function flag(value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`expected true or false, got "${value}"`);
}

export function normalizeOptions(raw) {
  const names = serviceNames(raw.name);
  const datastore = raw.datastore ?? 'postgres';
  if (!DATASTORES.includes(datastore)) throw new Error(`--datastore must be one of ${DATASTORES.join(', ')}, not "${datastore}"`);
  const grpc = flag(raw.grpc, true);
  const kafka = flag(raw.kafka, true);
  if (!grpc && !kafka) throw new Error('a service needs a way in: keep --grpc or --kafka (or both)');
  if (datastore === 'none' && !grpc) throw new Error('--datastore none keeps tasks in memory, where only the gRPC API could read them: keep --grpc, or choose a datastore');
  return {
    names,
    datastore,
    grpc,
    kafka,
    /** A PostgreSQL service that consumes Kafka announces its tasks through the outbox. */
    events: datastore === 'postgres' && kafka,
    skipInstall: flag(raw.skipInstall, false),
  };
}

/**
 * Template files that do not apply to a combination of options, relative to the app's folder.
 * One template tree serves every combination; what a combination does not use is removed.
 */
export function filesNotFor(options) {
  const { datastore, grpc, kafka, names } = options;
  const task = names.task.kebab;
  const unused = [];
  if (datastore !== 'postgres') unused.push('prisma/schema.prisma', 'prisma/prisma.config.ts', `src/infrastructure/persistence/prisma-${task}.store.ts`);
  if (datastore !== 'mongo') unused.push(`src/infrastructure/persistence/mongo-${task}.store.ts`);
  if (datastore !== 'none') unused.push(`src/infrastructure/persistence/in-memory-${task}.store.ts`, `src/application/open-task/open-${task}.handler.spec.ts`);
  if (datastore === 'none') unused.push('src/infrastructure/database.module.ts', `src/application/open-task/open-${task}.int-spec.ts`);
  if (!grpc) unused.push(`src/application/get-task/get-${task}.query.ts`, `src/interface/grpc/${names.base}.grpc-controller.ts`, `src/interface/grpc/${names.base}.grpc-controller.int-spec.ts`, `src/interface/grpc/${names.base}-requests.ts`);
  if (!kafka) unused.push('src/infrastructure/consumer-group.ts', 'src/interface/messaging/order-events.consumer.ts');
  return unused;
}
