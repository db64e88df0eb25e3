import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { freePort } from './free-port.js';

describe('freePort', () => {
  it('gives a loopback port that a server can then listen on', async () => {
    const port = await freePort();
    assert.ok(Number.isInteger(port) && port > 0 && port < 65_536, `${port} is a TCP port`);

    const server = createServer().listen(port, '127.0.0.1');
    await once(server, 'listening');
    assert.equal((server.address() as { port: number }).port, port);
    server.close();
    await once(server, 'close');
  });
});
