import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A loopback TCP port nothing listens on right now, for a server that must be told its port up
 * front (Nest's gRPC server cannot report the port it got for 0). Another process may take it before
 * the test binds it; on a developer's machine or in CI that race is rare enough to accept.
 */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
