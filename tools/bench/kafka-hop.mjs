// `npm run bench:kafka-hop -- [--rate 25,225] [--duration 30]`: what one Kafka message costs on
// its own, with nothing of the stack around it. One process produces messages at a fixed rate
// (open loop) to a topic of the running stack's broker and consumes them in a consumer group,
// the way the services do (an idempotent producer, one request in flight; eachBatch; offsets
// committed once a second). CPU per message, above idle, comes from /proc for the broker and from
// this process for the two clients together.
//
// An order is nine such messages (reserve, authorize, commit and capture with their replies, and
// the outcome event), so nine times the cost per message at the stack's message rate (nine per
// order: 225/s at 25 orders/s) is what Kafka alone costs an order, before any database, HTTP or
// gRPC work. Numbers, not assertions: compare runs on the same machine.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { kafkaBrokers } from '../../libs/topology/src/topology.mjs';
import { runningRecord } from '../../infra/local/stack/processes.mjs';
import { quietKafkajsTimeoutWarnings, readBenchArgs } from './cli.mjs';
import { arrivalOffsets, runOpenLoop } from './open-loop.mjs';
import { clockTicksPerSecond, parseProcStat } from './proc-cpu.mjs';
import { summarize } from './stats.mjs';

export const MESSAGES_PER_ORDER = 9;
const COMMIT_INTERVAL_MS = 1000;
const PARTITIONS = 3;
const DRAIN_MS = 10_000;
const WARMUP = { rate: 100, seconds: 10 };

const USAGE = `npm run bench:kafka-hop -- [options]   (the stack's Kafka must run: npm run stack:up)
  --rate R[,R...]   messages per second, one run per rate (default 25,225: 225 is the stack's rate at 25 orders/s)
  --duration S      seconds per rate (default 30)
  --idle S          seconds of idle measured after a warm-up (${WARMUP.seconds} s at ${WARMUP.rate}/s), subtracted from each rate (default 10)
  --size BYTES      bytes per message value (default 600, about a saga command)`;

/**
 * CPU ms per message of the broker and of the clients, above their idle use: the CPU of the
 * window less `idle` (ms per second) over its length, divided by the messages consumed.
 */
export function costPerMessage({ brokerMs, clientMs, seconds, messages }, idle) {
  const above = (ms, idlePerSecond) => Math.max(0, ms - idlePerSecond * seconds) / messages;
  return { brokerMs: above(brokerMs, idle.brokerMsPerSecond), clientMs: above(clientMs, idle.clientMsPerSecond) };
}

if (import.meta.url === `file://${process.argv[1]}`) await cli();

async function cli() {
  quietKafkajsTimeoutWarnings();
  const { values, positive } = readBenchArgs(
    {
      rate: { type: 'string', default: '25,225' },
      duration: { type: 'string', default: '30' },
      idle: { type: 'string', default: '10' },
      size: { type: 'string', default: '600' },
    },
    USAGE,
  );
  const options = {
    rates: values.rate.split(',').map((rate) => positive('rate', rate)),
    duration: positive('duration', values.duration),
    idle: positive('idle', values.idle),
    size: positive('size', values.size),
  };
  // The services' kafkajs runs with this fix of its idle loop (a timer every millisecond per
  // connection): without it, the clients' idle CPU alone would be tens of ms per second.
  await import('../../libs/messaging/dist/kafka/kafkajs-request-queue.patch.js');
  const broker = runningRecord('kafka');
  if (!broker) {
    console.error('✖ the stack\'s Kafka is not running: start it with `npm run stack:up`');
    process.exit(1);
  }
  try {
    await run(options, broker.pid);
    process.exit(0);
  } catch (error) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
}

async function run(options, brokerPid) {
  const ticksPerSecond = clockTicksPerSecond();
  const sample = () => {
    const stat = parseProcStat(readFileSync(`/proc/${brokerPid}/stat`, 'utf8'));
    const usage = process.cpuUsage();
    return { at: performance.now(), brokerMs: ((stat.utime + stat.stime) * 1000) / ticksPerSecond, clientMs: (usage.user + usage.system) / 1000 };
  };
  const between = (before, after) => ({ seconds: (after.at - before.at) / 1000, brokerMs: after.brokerMs - before.brokerMs, clientMs: after.clientMs - before.clientMs });

  const hop = await openHop(options.size);
  try {
    // A fresh client, topic and consumer group cost far more than any steady-state message (the
    // JIT, the group's join, the first fetches): none of it belongs in the idle or the rates.
    console.log(`▶ warm-up: ${WARMUP.seconds} s at ${WARMUP.rate}/s, not measured`);
    await hop.load(WARMUP.rate, WARMUP.seconds);
    console.log(`▶ idle: ${options.idle} s (producer and consumer connected, no messages)`);
    const idleBefore = sample();
    await sleep(options.idle * 1000);
    const idleWindow = between(idleBefore, sample());
    const idle = { brokerMsPerSecond: idleWindow.brokerMs / idleWindow.seconds, clientMsPerSecond: idleWindow.clientMs / idleWindow.seconds };
    console.log(`  broker ${idle.brokerMsPerSecond.toFixed(1)} ms/s, clients ${idle.clientMsPerSecond.toFixed(1)} ms/s`);

    const rows = [];
    for (const rate of options.rates) {
      console.log(`▶ ${rate} messages/s for ${options.duration} s (open loop)`);
      const before = sample();
      const result = await hop.load(rate, options.duration);
      const window = between(before, sample());
      const cost = costPerMessage({ ...window, messages: result.consumed }, idle);
      rows.push({ rate, ...result, ...cost });
      console.log(`  ${result.consumed}/${result.sent} consumed; latency p50 ${result.latency.p50?.toFixed(1)} ms, p99 ${result.latency.p99?.toFixed(1)} ms`);
    }
    console.log('\n| Rate /s | Consumed | Produce → consume p50 / p99 | Broker CPU ms/msg | Clients CPU ms/msg | Both | × 9 (an order\'s messages) |');
    console.log('| ------- | -------- | --------------------------- | ----------------- | ------------------ | ---- | ------------------------- |');
    for (const row of rows) {
      const both = row.brokerMs + row.clientMs;
      console.log(
        `| ${row.rate} | ${row.consumed}/${row.sent} | ${row.latency.p50?.toFixed(1)} / ${row.latency.p99?.toFixed(1)} ms | ${row.brokerMs.toFixed(2)} | ${row.clientMs.toFixed(2)} | ${both.toFixed(2)} | ${(both * MESSAGES_PER_ORDER).toFixed(1)} ms |`,
      );
    }
    console.log('\nCPU above idle; the clients are one producer and one consumer in this process (a message leaves one service and arrives in another).');
  } finally {
    await hop.close();
  }
}

/** A topic of its own, an idempotent producer and a consumer group on it. */
async function openHop(size) {
  const kafka = new Kafka({ clientId: 'bench-kafka-hop', brokers: [kafkaBrokers], logLevel: logLevel.WARN });
  const topic = `bench.kafka-hop.${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  // As the outbox relay's producer and the services' consumers are configured (libs/messaging).
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}.group`, allowAutoTopicCreation: false });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });

  const sentAt = new Map();
  const latencies = [];
  let pending = new Map();
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const scheduledAt = sentAt.get(message.key.toString());
        if (scheduledAt !== undefined) latencies.push(now - scheduledAt);
        resolveOffset(message.offset);
        pending.set(`${batch.topic}:${batch.partition}`, { topic: batch.topic, partition: batch.partition, offset: (BigInt(message.offset) + 1n).toString() });
      }
    },
  });
  const commits = setInterval(() => {
    if (pending.size === 0) return;
    const offsets = [...pending.values()];
    pending = new Map();
    consumer.commitOffsets(offsets).catch((error) => console.warn(`offset commit failed: ${error.message}`));
  }, COMMIT_INTERVAL_MS);
  const padding = 'x'.repeat(size);

  return {
    async load(rate, seconds) {
      latencies.length = 0;
      const offsets = arrivalOffsets(rate, seconds);
      const { calls } = await runOpenLoop(offsets, async (index, scheduledAt) => {
        const key = `${rate}-${index}`;
        sentAt.set(key, scheduledAt);
        await producer.send({ topic, messages: [{ key, value: JSON.stringify({ index, padding }) }] });
      });
      await Promise.all(calls);
      const deadline = performance.now() + DRAIN_MS;
      while (latencies.length < offsets.length && performance.now() < deadline) await sleep(20);
      return { sent: offsets.length, consumed: latencies.length, latency: summarize(latencies) };
    },
    async close() {
      clearInterval(commits);
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
