// The machine's Redis (not started by the stack): the stack only checks that it answers PING.
import { createConnection } from 'node:net';
import { infra } from '../../../libs/topology/src/topology.mjs';

const { host, port } = infra.redis;

export const redisEndpoint = `redis://${host}:${port}`;

export function redisAnswers(timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (answered) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply) => finish(reply.toString().startsWith('+PONG')));
  });
}
