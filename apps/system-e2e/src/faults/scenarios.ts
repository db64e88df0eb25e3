// The faults of issue 11, each injected while orders flow: kill -9 of each service and of Kafka,
// every PostgreSQL session terminated, every Redis connection killed; and two replicas of the
// order and payment services taking one burst together. Also a graceful stop of Kafka, as a
// rolling restart does it: its coordinator handing groups over is what once left kafkajs
// consumers stopped for good (libs/messaging restarts them).
import { setTimeout as sleep } from 'node:timers/promises';
import type { InvariantResult } from './invariants.js';
import { killComponent, startComponent } from './stack/components.js';
import { killRedisClients, terminatePostgresConnections } from './stack/connections.js';
import { startReplica, stopReplica, type Replica } from './stack/replicas.js';
import { consumerGroupMembers, consumerGroupPartitions } from './system-state.js';

export interface Heal {
  /** When the fault was over: the component ready again, the last connection cut. Recovery is measured from here. */
  healedAt: number;
  detail: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** The orders arrive evenly over this window; 0 places them all at once (a burst). */
  flowWindowMs: number;
  /** When the fault starts, after the first order. */
  faultAtMs: number;
  /** Before the first order. */
  prepare?(): Promise<void>;
  /** Injects the fault and heals it. Without a fault, recovery is measured from the last order taken. */
  injectAndHeal?(): Promise<Heal>;
  /** Invariants of this scenario only. */
  extraInvariants?(): Promise<InvariantResult[]>;
  /** After the invariants were checked, whatever happened. */
  cleanUp?(): Promise<void>;
}

export const SERVICE_OUTAGE_MS = 10_000;
export const KAFKA_OUTAGE_MS = 20_000;
/** Orders flow this long before the fault, so that some are in the middle of their sagas when it hits. */
const LEAD_MS = 3_000;
/** Orders keep arriving this long after the restart was asked for (an app is ready in about 4 s, Kafka in about 6). */
const SERVICE_RESTART_MS = 5_000;
const KAFKA_RESTART_MS = 8_000;
const CONNECTION_FAULT_ROUNDS = 3;
const CONNECTION_FAULT_GAP_MS = 2_000;

export const KILLED_SERVICES = ['user-service', 'order-service', 'payment-service', 'inventory-service', 'notification-service'];
export const REPLICATED_SERVICES = ['order-service', 'payment-service'];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function faultScenarios(): Scenario[] {
  return [
    ...KILLED_SERVICES.map((service) => killScenario(service, SERVICE_OUTAGE_MS, SERVICE_RESTART_MS)),
    killScenario('kafka', KAFKA_OUTAGE_MS, KAFKA_RESTART_MS),
    killScenario('kafka', KAFKA_OUTAGE_MS, KAFKA_RESTART_MS, 'SIGTERM'),
    connectionScenario('postgres-sessions', 'pg_terminate_backend of every service session', async () => `${await terminatePostgresConnections()} sessions`),
    connectionScenario('redis-clients', 'CLIENT KILL of the apps’ Redis connections', async () => `${await killRedisClients()} connections`),
    replicasScenario(),
  ];
}

function killScenario(component: string, outageMs: number, restartMs: number, signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Scenario {
  const graceful = signal === 'SIGTERM';
  return {
    id: `${graceful ? 'stop' : 'kill'}-${component}`,
    title: `${graceful ? 'graceful stop (SIGTERM) of' : 'kill -9'} ${component}, restarted after ${outageMs / 1000} s`,
    flowWindowMs: LEAD_MS + outageMs + restartMs,
    faultAtMs: LEAD_MS,
    async injectAndHeal() {
      const killed = await killComponent(component, signal);
      const killedAt = Date.now();
      await sleep(outageMs);
      const restartedAt = Date.now();
      const healedAt = await startComponent(component);
      return { healedAt, detail: `pid ${killed.pid} killed, down ${seconds(restartedAt - killedAt)}, ready ${seconds(healedAt - restartedAt)} after its start` };
    },
  };
}

function connectionScenario(id: string, title: string, cut: () => Promise<string>): Scenario {
  return {
    id,
    title: `${title} (${CONNECTION_FAULT_ROUNDS}× at ${CONNECTION_FAULT_GAP_MS / 1000} s)`,
    flowWindowMs: LEAD_MS + CONNECTION_FAULT_ROUNDS * CONNECTION_FAULT_GAP_MS + LEAD_MS,
    faultAtMs: LEAD_MS,
    async injectAndHeal() {
      const rounds: string[] = [];
      for (let round = 0; round < CONNECTION_FAULT_ROUNDS; round += 1) {
        if (round > 0) await sleep(CONNECTION_FAULT_GAP_MS);
        rounds.push(await cut());
      }
      return { healedAt: Date.now(), detail: `cut ${rounds.join(', ')}` };
    },
  };
}

/** Two processes each of order-service and payment-service, both in their consumer group, for one burst. */
function replicasScenario(): Scenario {
  const replicas: Replica[] = [];
  let partitions: Record<string, number[]> = {};
  return {
    id: 'replicas',
    title: `two replicas each of ${REPLICATED_SERVICES.join(' and ')}, one burst`,
    flowWindowMs: 0,
    faultAtMs: 0,
    async prepare() {
      replicas.push(...(await Promise.all(REPLICATED_SERVICES.map((service) => startReplica(service)))));
      partitions = await bothMembersAssigned(REPLICATED_SERVICES);
    },
    async extraInvariants() {
      const members = await consumerGroupMembers(REPLICATED_SERVICES);
      const problems = REPLICATED_SERVICES.filter((group) => members[group] !== 2 || (partitions[group] ?? []).some((count) => count === 0));
      const summary = REPLICATED_SERVICES.map((group) => `${group} ${members[group]} members, partitions ${(partitions[group] ?? []).join('+')}`).join('; ');
      return [{ name: 'replicas', ok: problems.length === 0, detail: summary }];
    },
    async cleanUp() {
      await Promise.all(replicas.splice(0).map(stopReplica));
    },
  };
}

/**
 * Waits until each group has two members that both hold partitions (the rebalance after the
 * replica joined is over); returns the partition count of each member.
 */
async function bothMembersAssigned(groups: string[], timeoutMs = 60_000): Promise<Record<string, number[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const assignments = await consumerGroupPartitions(groups);
    if (groups.every((group) => assignments[group]?.length === 2 && assignments[group].every((count) => count > 0))) return assignments;
    if (Date.now() > deadline) throw new Error(`consumer groups not shared by two members after ${timeoutMs / 1000} s: ${JSON.stringify(assignments)}`);
    await sleep(500);
  }
}
