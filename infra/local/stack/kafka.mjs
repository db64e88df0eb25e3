// Apache Kafka 3.9 as one KRaft node (broker and controller in one JVM), configured from the
// topology, its storage formatted on first start under .local/kafka/data.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { host, infra, portVariableFor } from '../../../libs/topology/src/topology.mjs';
import { classpathOf, ensureJars, javaExecutable } from './jars.mjs';
import { localPaths } from './paths.mjs';
import { startDetached } from './processes.mjs';
import { StackError } from './stack-error.mjs';

const files = {
  properties: join(localPaths.kafka, 'server.properties'),
  log4j: join(localPaths.kafka, 'log4j.properties'),
  data: join(localPaths.kafka, 'data'),
};

const { port, controllerPort } = infra.kafka;

export const kafkaComponent = {
  name: 'kafka',
  label: 'Kafka',
  ports: [port, controllerPort].map((number) => ({ port: number, variable: portVariableFor(number) })),
  endpoint: `${host}:${port}`,
  // A controlled shutdown of one node takes a few seconds; past this it is killed.
  stopDeadlineMs: 30_000,
  start: startKafka,
  isReady: kafkaAnswers,
};

async function startKafka() {
  const jars = await ensureJars('kafka');
  mkdirSync(files.data, { recursive: true });
  writeFileSync(files.properties, serverProperties());
  writeFileSync(files.log4j, log4jProperties());
  const java = [`-Dlog4j.configuration=file:${files.log4j}`, '-cp', classpathOf(jars)];
  await formatStorageOnce(java);
  const memory = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true'];
  return startDetached('kafka', javaExecutable, [...memory, ...java, 'kafka.Kafka', files.properties]);
}

/** KRaft refuses to start on unformatted storage; formatting writes meta.properties once. */
async function formatStorageOnce(java) {
  if (existsSync(join(files.data, 'meta.properties'))) return;
  console.log('  formatting Kafka storage (first run only)');
  // Base64url may start with '-': passed as `--cluster-id=<id>` so the tool never reads it as an option.
  const clusterId = randomBytes(16).toString('base64url');
  try {
    await promisify(execFile)(javaExecutable, [...java, 'kafka.tools.StorageTool', 'format', '--ignore-formatted', `--cluster-id=${clusterId}`, '-c', files.properties]);
  } catch (error) {
    throw new StackError(`formatting the Kafka storage failed: ${error.message.split('\n')[0]}`, { logTail: error.stderr || error.stdout });
  }
}

function serverProperties() {
  return `# Written by infra/local/stack/kafka.mjs from libs/topology/src/topology.mjs at every start: edit those.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${host}:${controllerPort}
listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}
advertised.listeners=PLAINTEXT://${host}:${port}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${files.data}

# One node: every internal topic has a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# Fewer partitions than the production defaults (50) make the first consumer group and the first
# transaction on a fresh node start in well under a second.
offsets.topic.num.partitions=3
transaction.state.log.num.partitions=3

num.partitions=3
auto.create.topics.enable=true
# Consumers join at once instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
`;
}

/** Quiet: warnings and the start/stop lines only, to stdout (which is .local/logs/kafka.log). */
function log4jProperties() {
  return `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.logger.kafka.server.ControllerServer=INFO
`;
}

/** Ready when the broker answers a metadata request, which is what the apps' probes ask too. */
async function kafkaAnswers() {
  const admin = new Kafka({ clientId: 'stack', brokers: [`${host}:${port}`], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
