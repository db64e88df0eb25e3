import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jitteredTtlMs } from './jittered-ttl.js';

const HOUR_MS = 3_600_000;

describe('jitteredTtlMs', () => {
  it('reaches exactly 10% below and up to 10% above the base at the ends of the random range', () => {
    assert.equal(jitteredTtlMs(HOUR_MS, 0.1, () => 0), 3_240_000);
    assert.equal(jitteredTtlMs(HOUR_MS, 0.1, () => 0.5), HOUR_MS);
    assert.equal(jitteredTtlMs(HOUR_MS, 0.1, () => 0.999_999_9), 3_960_000);
  });

  it('keeps ten thousand random draws within ±10% of the base, spread over the range', () => {
    const draws = Array.from({ length: 10_000 }, () => jitteredTtlMs(HOUR_MS, 0.1));
    for (const ttl of draws) assert.ok(ttl >= 3_240_000 && ttl <= 3_960_000, `${ttl} is outside ±10% of an hour`);
    // Keys written together must not expire together: the draws fill both halves of the range.
    assert.ok(draws.some((ttl) => ttl < HOUR_MS) && draws.some((ttl) => ttl > HOUR_MS));
    assert.ok(new Set(draws).size > 1_000, 'the TTLs are spread, not a handful of values');
  });

  it('gives whole milliseconds, and never zero, which Redis would refuse', () => {
    assert.ok(Number.isInteger(jitteredTtlMs(30_000, 0.1)));
    assert.equal(jitteredTtlMs(1, 0.5, () => 0), 1);
  });

  it('refuses a jitter ratio outside [0, 1)', () => {
    assert.throws(() => jitteredTtlMs(HOUR_MS, 1), RangeError);
    assert.throws(() => jitteredTtlMs(HOUR_MS, -0.1), RangeError);
  });
});
