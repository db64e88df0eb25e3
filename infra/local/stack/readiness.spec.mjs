import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { logFileOf } from './paths.mjs';
import { forgetRecord, startDetached } from './processes.mjs';
import { waitUntilReady } from './readiness.mjs';

// A process of the stack's kind (detached, logging to .local/logs/<name>.log), named for this run only.
const name = `readiness-spec-${process.pid}`;
after(() => {
  forgetRecord(name);
  rmSync(logFileOf(name), { force: true });
});

/** A component that listens on `port` the way the apps do (all interfaces) and, like them, logs the failure and exits 1. */
function componentListeningOn(port, variable) {
  const script = `
    require('node:net').createServer()
      .on('error', (error) => { console.log(JSON.stringify({ level: 50, msg: 'failed to start: ' + error.message })); process.exit(1); })
      .listen(${port}, '0.0.0.0', () => setTimeout(() => process.exit(0), 5000));`;
  return {
    name,
    label: 'the test app',
    ports: [{ port, variable }],
    start: () => startDetached(name, process.execPath, ['-e', script]),
    isReady: async () => false,
  };
}

describe('waiting for a component that cannot listen', () => {
  it('fails with the one line that names the variable, as the check before the start does', async () => {
    // Held on 127.0.0.2: the check before the start (which probes 127.0.0.1) would pass, the
    // component's listen on all interfaces does not.
    const holder = createServer();
    await new Promise((resolve) => holder.listen(0, '127.0.0.2', resolve));
    const { port } = holder.address();
    try {
      const component = componentListeningOn(port, 'TEST_APP_PORT');
      component.start();
      await assert.rejects(waitUntilReady([component], { timeoutMs: 15_000 }), (error) => {
        assert.equal(error.name, 'PortInUseError');
        assert.equal(error.message, `the test app could not listen: port ${port} is in use by another process; set TEST_APP_PORT to move the test app`);
        assert.match(error.logTail, new RegExp(`EADDRINUSE.*:${port}`));
        return true;
      });
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
