// Faults that cut the apps' connections without touching their processes: every PostgreSQL
// session of the services' databases terminated, and the apps' Redis connections killed.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import pg from 'pg';
import { loadTopology } from '../../topology.js';
import { runningPids } from './components.js';

/** `pg_terminate_backend` of every session on a service's database; returns how many there were. */
export async function terminatePostgresConnections(): Promise<number> {
  const { infra, postgresApps, postgresDatabase } = await loadTopology();
  const { host, port, adminUser } = infra.postgres;
  const admin = new pg.Client({ host, port, user: adminUser, database: 'postgres', connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    const databases = postgresApps.map((app) => postgresDatabase(app.name).database);
    const result = await admin.query<{ terminated: number }>(
      `SELECT count(*)::int AS terminated
       FROM (SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()) AS sessions
       WHERE done`,
      [databases],
    );
    return result.rows[0]!.terminated;
  } finally {
    await admin.end();
  }
}

/**
 * `CLIENT KILL` of every Redis connection the stack's apps hold. Redis is the machine's, so the
 * connections are told apart by the apps' sockets (/proc/<pid>/fd and /proc/<pid>/net/tcp):
 * other programs' clients are left alone. Returns how many were killed.
 */
export async function killRedisClients(): Promise<number> {
  const { apps, infra } = await loadTopology();
  const redisApps = apps.filter((app) => app.datastores.includes('redis')).map((app) => app.name);
  const ports = new Set((await runningPids(redisApps)).flatMap((pid) => localPortsConnectedTo(pid, infra.redis.port)));
  const clients = String(await redisCommand(['CLIENT', 'LIST']))
    .split('\n')
    .map((line) => Object.fromEntries(line.trim().split(' ').map((field) => field.split('=', 2) as [string, string])))
    .filter((client) => client.addr !== undefined && ports.has(Number(client.addr.split(':').at(-1))));
  let killed = 0;
  for (const client of clients) killed += Number(await redisCommand(['CLIENT', 'KILL', 'ID', client.id!]));
  return killed;
}

/** Local ports of the process's TCP connections to `remotePort`. Linux only (/proc). */
function localPortsConnectedTo(pid: number, remotePort: number): number[] {
  const socketInodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) socketInodes.add(inode);
    } catch {
      // closed while listing
    }
  }
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const [, local, remote, , , , , , , inode] = line.trim().split(/\s+/);
      if (!inode || !socketInodes.has(inode)) continue;
      if (Number.parseInt(remote!.split(':')[1]!, 16) === remotePort) ports.push(Number.parseInt(local!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** One command over RESP on a connection of its own: a bulk string, an integer or a status. */
async function redisCommand(args: string[]): Promise<string | number> {
  const { infra } = await loadTopology();
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: infra.redis.host, port: infra.redis.port });
    let received = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error(`Redis did not answer ${args.join(' ')} within 5 s`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const reply = parseReply(received);
      if (reply === undefined) return;
      socket.end();
      if (reply instanceof Error) reject(reply);
      else resolve(reply);
    });
  });
}

/** The reply, or undefined while it is incomplete. */
function parseReply(buffer: Buffer): string | number | Error | undefined {
  const lineEnd = buffer.indexOf('\r\n');
  if (lineEnd < 0) return undefined;
  const line = buffer.subarray(1, lineEnd).toString();
  switch (String.fromCharCode(buffer[0]!)) {
    case '+':
      return line;
    case '-':
      return new Error(`Redis: ${line}`);
    case ':':
      return Number(line);
    case '$': {
      const length = Number(line);
      if (buffer.length < lineEnd + 2 + length + 2) return undefined;
      return buffer.subarray(lineEnd + 2, lineEnd + 2 + length).toString();
    }
    default:
      return new Error(`Redis: unexpected reply ${buffer.toString().slice(0, 80)}`);
  }
}
