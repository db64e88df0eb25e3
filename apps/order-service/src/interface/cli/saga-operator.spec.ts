import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArguments } from './saga-operator.js';

const orderId = '0196f2a1-7c3e-7d21-9a4b-111111111111';

describe('npm run saga: arguments', () => {
  it('reads the three commands', () => {
    assert.deepEqual(parseArguments(['parked']), { kind: 'parked' });
    assert.deepEqual(parseArguments(['retry', orderId]), { kind: 'act', orderId, action: { kind: 'retry' } });
    assert.deepEqual(parseArguments(['resolve', orderId, '--note', 'voided by hand']), { kind: 'act', orderId, action: { kind: 'resolve', note: 'voided by hand' } });
  });

  it('says what is wrong with anything else', () => {
    assert.match(parseArguments([]) as string, /^usage/);
    assert.match(parseArguments(['retry', 'not-an-id']) as string, /is not an order id/);
    assert.match(parseArguments(['resolve', orderId]) as string, /needs --note/);
    assert.match(parseArguments(['resolve', orderId, '--note', '  ']) as string, /needs --note/);
    assert.match(parseArguments(['retry', orderId, 'extra']) as string, /^usage/);
  });
});
