// A second process of an app next to the stack's: the app's build with the topology's environment
// (same database, same Kafka consumer groups), on ports of its own. Recorded in .local/pids/ as
// `<app>-replica`, which `stack:down` does not know: whoever starts a replica stops it.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPOSITORY_ROOT } from '@shop/testing';
import { loadTopology } from '../../topology.js';
import { loadProcesses, type ProcessRecord } from './stack-modules.js';

export interface Replica {
  name: string;
  httpPort: number;
  grpcPort: number;
  record: ProcessRecord;
}

// Listening ports below Linux's ephemeral range (32768), where no outgoing connection takes them.
const HIGHEST_PORT = 32_767;
const STOP_DEADLINE_MS = 12_000;

export const replicaNameOf = (app: string): string => `${app}-replica`;

export async function startReplica(appName: string, timeoutMs = 90_000): Promise<Replica> {
  const { apps, appEnvironment, host } = await loadTopology();
  const app = apps.find((candidate) => candidate.name === appName);
  if (!app?.grpcPort) throw new Error(`no app ${appName} with a gRPC port in the topology`);
  const processes = await loadProcesses();
  const name = replicaNameOf(appName);
  const httpPort = await freePortFrom(app.httpPort + 100);
  const grpcPort = await freePortFrom(app.grpcPort + 100);
  const env = {
    ...appEnvironment(app),
    PORT: String(httpPort),
    GRPC_PORT: String(grpcPort),
    OTEL_TRACES_FILE: join(REPOSITORY_ROOT, '.local', 'traces', `${name}.jsonl`),
  };
  const record = processes.startDetached(name, process.execPath, [join(REPOSITORY_ROOT, 'apps', appName, 'dist', 'main.js')], { env });
  const deadline = Date.now() + timeoutMs;
  while (!(await answersReady(`http://${host}:${httpPort}/health/ready`))) {
    if (!processes.isRunning(record)) throw new Error(`${name} exited while starting; end of .local/logs/${name}.log:\n${processes.logTail(name)}`);
    if (Date.now() > deadline) {
      await stopReplica({ name, httpPort, grpcPort, record });
      throw new Error(`${name} not ready within ${timeoutMs / 1000} s`);
    }
    await sleep(250);
  }
  return { name, httpPort, grpcPort, record };
}

/** SIGTERM (it drains like any app), SIGKILL after the stack's deadline for apps. */
export async function stopReplica(replica: Replica): Promise<void> {
  const processes = await loadProcesses();
  await processes.stopProcess(replica.record, STOP_DEADLINE_MS);
  processes.forgetRecord(replica.name);
}

/** Replicas a run that crashed left behind. */
export async function stopLeftoverReplicas(appNames: string[]): Promise<void> {
  const processes = await loadProcesses();
  for (const app of appNames) {
    const record = processes.runningRecord(replicaNameOf(app));
    if (record) await stopReplica({ name: record.name, httpPort: 0, grpcPort: 0, record });
  }
}

async function answersReady(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === 200;
  } catch {
    return false;
  }
}

async function freePortFrom(first: number): Promise<number> {
  for (let port = first; port <= HIGHEST_PORT; port += 1) if (await canListen(port)) return port;
  throw new Error(`no free port between ${first} and ${HIGHEST_PORT}`);
}

/** On every interface, as the apps listen. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
