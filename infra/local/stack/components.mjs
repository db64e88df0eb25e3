// Everything the stack runs or relies on, in start order. Each started component has the same
// shape: name (pid and log file), label (for messages), ports ({ port, variable }), endpoint,
// stopDeadlineMs, start() and isReady().
import { infra, portVariableFor } from '../../../libs/topology/src/topology.mjs';
import { appComponents } from './apps.mjs';
import { kafkaComponent } from './kafka.mjs';
import { mongoComponent } from './mongo.mjs';
import { postgresAnswers, postgresEndpoint } from './postgres.mjs';
import { redisAnswers, redisEndpoint } from './redis.mjs';

/** Started by the stack itself unless STACK_INFRA=docker. */
export const nativeInfrastructure = [kafkaComponent, mongoComponent];

export { appComponents };

/** The machine's own services (docker compose's with STACK_INFRA=docker): checked, never started or stopped natively. */
export const machineServices = [
  { name: 'postgres', label: 'PostgreSQL', ports: [portOf(infra.postgres.port)], endpoint: postgresEndpoint, isReady: postgresAnswers },
  { name: 'redis', label: 'Redis', ports: [portOf(infra.redis.port)], endpoint: redisEndpoint, isReady: () => redisAnswers() },
];

function portOf(port) {
  return { port, variable: portVariableFor(port) };
}

