import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Wakeup } from './wakeup.js';

describe('relay wake-up', () => {
  it('ends a sleep early when woken', async () => {
    const wakeup = new Wakeup();
    let woke = false;
    const sleeping = wakeup.sleep(60_000).then(() => (woke = true));
    wakeup.wake();
    await sleeping;
    assert.equal(woke, true);
  });

  it('keeps a wake-up that came while nobody slept, for the next sleep only', async () => {
    const wakeup = new Wakeup();
    wakeup.wake();
    await wakeup.sleep(60_000);
    const order: string[] = [];
    const second = wakeup.sleep(20).then(() => order.push('slept'));
    setImmediate(() => order.push('later'));
    await second;
    assert.deepEqual(order, ['later', 'slept']);
  });
});
