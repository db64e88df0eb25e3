import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from './eventually.js';

/** A check that answers each of `answers` in turn, then keeps answering the last one. */
function answering<T>(...answers: T[]) {
  let calls = 0;
  const check = async () => answers[Math.min(calls++, answers.length - 1)];
  return { check, calls: () => calls };
}

describe('eventually', () => {
  it('returns the first value the check gives once it is no longer undefined', async () => {
    const probe = answering<string | undefined>(undefined, undefined, 'ready', 'later');

    assert.equal(await eventually('the value', probe.check, { intervalMs: 1 }), 'ready');
    assert.equal(probe.calls(), 3);
  });

  it('waits past false and null as well, so a boolean check reads as a condition', async () => {
    const probe = answering<boolean | null>(false, null, true);

    assert.equal(await eventually('the condition', probe.check, { intervalMs: 1 }), true);
    assert.equal(probe.calls(), 3);
  });

  it('accepts a synchronous check and returns zero or an empty string as values', async () => {
    assert.equal(await eventually('a count', () => 0), 0);
    assert.equal(await eventually('a text', () => ''), '');
  });

  it('fails naming what it waited for when the check never holds', async () => {
    const probe = answering(false);

    await assert.rejects(eventually('the outbox to be empty', probe.check, { timeoutMs: 20, intervalMs: 1 }), /waiting for: the outbox to be empty/);
    assert.ok(probe.calls() >= 2, 'checked again before giving up');
  });

  it('checks once even when no time is given', async () => {
    assert.equal(await eventually('the value', async () => 'at once', { timeoutMs: 0 }), 'at once');
  });

  it('fails at once with the error a check throws, without checking again', async () => {
    let calls = 0;
    const broken = async (): Promise<string> => {
      calls += 1;
      throw new Error('connection refused');
    };

    await assert.rejects(eventually('the row', broken), /connection refused/);
    assert.equal(calls, 1);
  });
});
