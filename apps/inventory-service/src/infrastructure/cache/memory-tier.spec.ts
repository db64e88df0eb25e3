import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryTier } from './memory-tier.js';

describe('MemoryTier', () => {
  it('forgets an entry once its time is up', () => {
    let now = 1_000_000;
    const tier = new MemoryTier<string>(10, () => now);
    tier.set('product:LAPTOP-STAND', 'cached', 2_000);
    now += 1_999;
    assert.equal(tier.get('product:LAPTOP-STAND'), 'cached');
    now += 1;
    assert.equal(tier.get('product:LAPTOP-STAND'), undefined);
  });

  it('holds at most its bound, dropping the oldest entry first', () => {
    const tier = new MemoryTier<number>(2);
    tier.set('a', 1, 60_000);
    tier.set('b', 2, 60_000);
    tier.set('c', 3, 60_000);
    assert.deepEqual(
      ['a', 'b', 'c'].map((key) => tier.get(key)),
      [undefined, 2, 3],
    );
  });

  it('stores nothing when the time to keep it is zero (the tier switched off)', () => {
    const tier = new MemoryTier<number>(2);
    tier.set('a', 1, 0);
    assert.equal(tier.get('a'), undefined);
  });
});
