import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, judgeStep, nextRate } from './find-max.mjs';

const limits = { startRate: 4, factor: 1.25, maxRate: 20, p99LimitMs: 1000, maxFailureRatio: 0.01 };

describe('judgeStep', () => {
  it('sustains a step with every order confirmed and the p99 under the limit', () => {
    assert.deepEqual(judgeStep({ scheduled: 100, confirmed: 100, sagaP99Ms: 999 }, limits), { sustained: true, reasons: [] });
  });

  it('tolerates failures up to the ratio, not beyond', () => {
    assert.equal(judgeStep({ scheduled: 200, confirmed: 198, sagaP99Ms: 500 }, limits).sustained, true);
    const verdict = judgeStep({ scheduled: 200, confirmed: 197, sagaP99Ms: 500 }, limits);
    assert.equal(verdict.sustained, false);
    assert.match(verdict.reasons[0], /3 of 200 orders not confirmed/);
  });

  it('fails a step whose saga p99 is over the limit, or unknown', () => {
    assert.match(judgeStep({ scheduled: 100, confirmed: 100, sagaP99Ms: 1001 }, limits).reasons[0], /saga p99 1001 ms > 1000 ms/);
    assert.equal(judgeStep({ scheduled: 100, confirmed: 0, sagaP99Ms: undefined }, limits).reasons.length, 2);
  });
});

describe('nextRate', () => {
  it('multiplies by the factor, to half an order per second', () => {
    assert.equal(nextRate(4, 1.25), 5);
    assert.equal(nextRate(5, 1.25), 6.5);
    assert.equal(nextRate(10, 1.5), 15);
  });

  it('always goes up by at least half an order per second', () => {
    assert.equal(nextRate(1, 1.1), 1.5);
  });
});

describe('decide', () => {
  const step = (rate, sustained) => ({ rate, verdict: { sustained } });

  it('starts at the start rate', () => {
    assert.deepEqual(decide([], limits), { again: true, rate: 4, best: undefined });
  });

  it('goes on after a sustained step', () => {
    assert.deepEqual(decide([step(4, true)], limits), { again: true, rate: 5, best: 4 });
  });

  it('stops at the first step not sustained, with the best sustained rate', () => {
    assert.deepEqual(decide([step(4, true), step(5, true), step(6.5, false)], limits), { again: false, best: 5 });
    assert.deepEqual(decide([step(4, false)], limits), { again: false, best: undefined });
  });

  it('stops before passing the maximum rate', () => {
    assert.deepEqual(decide([step(18, true)], limits), { again: false, best: 18 });
  });
});
