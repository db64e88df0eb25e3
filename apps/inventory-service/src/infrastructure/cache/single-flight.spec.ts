import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SingleFlight } from './single-flight.js';

/** A loader that counts its calls and finishes only when told to. */
function countingLoader<V>(value: V) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const loader = {
    calls: 0,
    load: async () => {
      loader.calls += 1;
      await gate;
      return value;
    },
    release: () => release(),
  };
  return loader;
}

describe('SingleFlight', () => {
  it('runs one load for twenty concurrent callers of one key and gives each of them its result', async () => {
    const flights = new SingleFlight<string>();
    const loader = countingLoader('USB-C-CABLE-1M');
    const callers = Array.from({ length: 20 }, () => flights.run('product:USB-C-CABLE-1M', loader.load));
    loader.release();
    assert.deepEqual(await Promise.all(callers), Array(20).fill('USB-C-CABLE-1M'));
    assert.equal(loader.calls, 1);
  });

  it('loads different keys independently', async () => {
    const flights = new SingleFlight<string>();
    const first = countingLoader('a');
    const second = countingLoader('b');
    const results = [flights.run('a', first.load), flights.run('b', second.load)];
    first.release();
    second.release();
    assert.deepEqual(await Promise.all(results), ['a', 'b']);
    assert.equal(first.calls + second.calls, 2);
  });

  it('keeps nothing once a load has finished: the next caller loads again', async () => {
    const flights = new SingleFlight<string>();
    const loader = countingLoader('value');
    loader.release();
    await flights.run('key', loader.load);
    assert.equal(flights.isRunning('key'), false);
    await flights.run('key', loader.load);
    assert.equal(loader.calls, 2);
  });

  it('hands a failed load\'s error to every waiting caller, and the next caller tries again', async () => {
    const flights = new SingleFlight<string>();
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error('database unavailable');
    };
    const results = await Promise.allSettled([flights.run('key', failing), flights.run('key', failing)]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'rejected'],
    );
    assert.equal(calls, 1);
    assert.equal(await flights.run('key', async () => 'recovered'), 'recovered');
  });

  it('starts a fresh load after forget, while the forgotten one may still finish for its own callers', async () => {
    const flights = new SingleFlight<string>();
    const before = countingLoader('old stock');
    const early = flights.run('key', before.load);
    flights.forget('key');
    const after = countingLoader('new stock');
    const late = flights.run('key', after.load);
    after.release();
    before.release();
    assert.equal(await early, 'old stock');
    assert.equal(await late, 'new stock');
    assert.equal(flights.isRunning('key'), false);
  });
});
