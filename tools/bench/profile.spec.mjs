import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageOf, summarizeProfile } from './profile.mjs';

const root = '/repo';

describe('packageOf', () => {
  it('names a package of node_modules, scoped or not', () => {
    assert.equal(packageOf('file:///repo/node_modules/kafkajs/src/index.js', root), 'kafkajs');
    assert.equal(packageOf('file:///repo/node_modules/@prisma/client/runtime/x.js', root), '@prisma/client');
  });

  it('names the workspace app or lib, Node.js built-ins and native code', () => {
    assert.equal(packageOf('file:///repo/apps/order-service/dist/main.js', root), 'order-service (app)');
    assert.equal(packageOf('file:///repo/libs/messaging/dist/outbox.js', root), '@shop/messaging');
    assert.equal(packageOf('node:internal/streams/writable', root), 'node (built-in)');
    assert.equal(packageOf('', root), '(native)');
  });
});

describe('summarizeProfile', () => {
  const frame = (functionName, url = '', lineNumber = -1) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('encode', 'file:///repo/node_modules/kafkajs/src/protocol.js', 9) },
      { id: 4, callFrame: frame('handle', 'file:///repo/apps/order-service/dist/saga.js', 0) },
      { id: 5, callFrame: frame('(garbage collector)') },
    ],
    startTime: 0,
    endTime: 10_000,
    // A sample lasts until the next one: the µs of timeDeltas[i + 1] belong to samples[i].
    samples: [2, 3, 3, 4, 5, 2],
    timeDeltas: [0, 5000, 2000, 1000, 1000, 500],
  };

  it('sums self time by package and by function, idle apart', () => {
    const summary = summarizeProfile(profile, { root });
    assert.equal(summary.idleMs, 5);
    assert.equal(summary.busyMs, 4.5);
    assert.deepEqual(summary.packages.map(({ name, ms }) => [name, ms]), [['kafkajs', 3], ['order-service (app)', 1], ['(garbage collector)', 0.5]]);
    assert.deepEqual(summary.functions[0], { name: 'encode node_modules/kafkajs/src/protocol.js:10', ms: 3, share: 3 / 4.5 });
  });

  it('keeps only the samples taken inside the windows, when given', () => {
    // Samples at 0, 5000, 7000, 8000, 9000 and 9500 µs; the window takes those at 5000, 7000 and 8000.
    const summary = summarizeProfile(profile, { root, windows: [[4000, 8500]] });
    assert.equal(summary.idleMs, 0);
    assert.deepEqual(summary.packages.map(({ name, ms }) => [name, ms]), [['kafkajs', 3], ['order-service (app)', 1]]);
  });
});
