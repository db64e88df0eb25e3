import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compensationRetryDelayMs } from './saga-timings.js';
import { timings } from './testing/saga.fixtures.js';

describe('compensation retry delay', () => {
  it('waits the initial delay after the first send and doubles it after each further one', () => {
    assert.deepEqual([1, 2, 3, 4].map((attempt) => compensationRetryDelayMs(timings, attempt)), [1000, 2000, 4000, 8000]);
  });

  it('never exceeds the maximum delay', () => {
    assert.equal(compensationRetryDelayMs(timings, 30), 8000);
  });
});
