import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrivalOffsets, runOpenLoop } from './open-loop.mjs';

describe('arrivalOffsets', () => {
  it('spaces rate × duration arrivals 1/rate apart, from 0', () => {
    assert.deepEqual(arrivalOffsets(5, 1), [0, 200, 400, 600, 800]);
  });

  it('handles fractional rates', () => {
    const offsets = arrivalOffsets(2.5, 4);
    assert.equal(offsets.length, 10);
    assert.equal(offsets[1], 400);
    assert.equal(offsets.at(-1), 3600);
  });

  it('refuses a rate or duration that is not positive', () => {
    assert.throws(() => arrivalOffsets(0, 10), /must be positive/);
    assert.throws(() => arrivalOffsets(5, -1), /must be positive/);
  });
});

describe('runOpenLoop', () => {
  it('fires every arrival, in order, without waiting for earlier calls to answer', async () => {
    const fired = [];
    const never = new Promise(() => {});
    const loop = await runOpenLoop(arrivalOffsets(2000, 0.005), (index, scheduledAt) => {
      fired.push({ index, scheduledAt });
      return never;
    });
    assert.deepEqual(fired.map((call) => call.index), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(loop.calls.length, 10);
    // Each call is told when it was due, not when it was sent.
    const offsets = fired.map((call) => Math.round((call.scheduledAt - loop.startAt) * 1000) / 1000);
    assert.deepEqual(offsets, arrivalOffsets(2000, 0.005));
  });
});
