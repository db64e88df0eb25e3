import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (Nest's gRPC server cannot report the port it got for 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
