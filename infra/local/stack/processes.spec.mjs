import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { isRunning, startMarkerOf } from './processes.mjs';

describe('recognising a process the stack started', () => {
  it('recognises a running process by its pid and start time', () => {
    assert.equal(isRunning({ pid: process.pid, startMarker: startMarkerOf(process.pid) }), true);
  });

  it('does not take a reused pid (same pid, other start time) for the recorded process', () => {
    assert.equal(isRunning({ pid: process.pid, startMarker: `${startMarkerOf(process.pid)}0` }), false);
  });

  it('sees a process that has exited as not running', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const record = { pid: child.pid, startMarker: startMarkerOf(child.pid) };
    assert.equal(isRunning(record), true);
    child.kill();
    await once(child, 'exit');
    assert.equal(isRunning(record), false);
  });
});
