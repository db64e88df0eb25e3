import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { count, percentile, summarize } from './stats.mjs';

const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

describe('percentile (nearest rank)', () => {
  it('is a measured value: p50, p90, p99 of 1..100 are 50, 90, 99', () => {
    assert.equal(percentile(oneToHundred, 50), 50);
    assert.equal(percentile(oneToHundred, 90), 90);
    assert.equal(percentile(oneToHundred, 99), 99);
    assert.equal(percentile(oneToHundred, 100), 100);
  });

  it('is the largest sample for p99 of fewer than 100 samples', () => {
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99), 10);
  });

  it('is the only sample of one, and undefined of none', () => {
    assert.equal(percentile([42], 50), 42);
    assert.equal(percentile([], 50), undefined);
  });
});

describe('summarize', () => {
  it('sorts the samples itself', () => {
    assert.deepEqual(summarize([30, 10, 20]), { count: 3, p50: 20, p90: 30, p99: 30, max: 30 });
  });

  it('reports nothing but the count for no samples', () => {
    assert.deepEqual(summarize([]), { count: 0, p50: undefined, p90: undefined, p99: undefined, max: undefined });
  });
});

describe('count', () => {
  it('adds one to a key', () => {
    assert.deepEqual(count(count(count({}, 'CONFIRMED'), 'CONFIRMED'), 'HTTP 503'), { CONFIRMED: 2, 'HTTP 503': 1 });
  });
});
