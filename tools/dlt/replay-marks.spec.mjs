import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartitionMarks, replayerGroupOf } from './replay-marks.mjs';

describe('replay marks', () => {
  it('start with nothing replayed when the group never committed', () => {
    const marks = PartitionMarks.fromCommitted({ offset: '-1', metadata: null });
    assert.equal(marks.isReplayed('0'), false);
    assert.deepEqual(marks.toCommit(), { offset: '0', metadata: null });
  });

  it('remember a dead letter replayed on its own, and absorb it into the watermark once the ones before it are replayed', () => {
    let marks = new PartitionMarks(2n);
    marks = marks.withReplayed('4');
    assert.deepEqual(marks.toCommit(), { offset: '2', metadata: '{"replayed":["4"]}' });
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((offset) => marks.isReplayed(String(offset))), [true, true, false, false, true, false]);
    marks = marks.withReplayed('2').withReplayed('3');
    assert.deepEqual(marks.toCommit(), { offset: '5', metadata: null });
  });

  it('move the watermark past what replay --all went through, keeping what was replayed further on', () => {
    const marks = new PartitionMarks(0n, [1n, 6n]).withSweptPast('0').withSweptPast('1').withSweptPast('2');
    assert.deepEqual(marks.toCommit(), { offset: '3', metadata: '{"replayed":["6"]}' });
    assert.equal(new PartitionMarks(5n).withSweptPast('1').watermark, 5n, 'a resend (--again) never moves the watermark back');
  });

  it('read back what they committed, and ignore metadata they did not write', () => {
    const committed = new PartitionMarks(3n, [9n, 7n]).toCommit();
    const read = PartitionMarks.fromCommitted(committed);
    assert.ok(read.equals(new PartitionMarks(3n, [7n, 9n])));
    assert.ok(PartitionMarks.fromCommitted({ offset: '3', metadata: 'written by someone else' }).equals(new PartitionMarks(3n)));
  });

  it('refuse to grow past what Kafka keeps as commit metadata', () => {
    const marks = new PartitionMarks(0n, Array.from({ length: 1000 }, (_, index) => BigInt(10 + index * 2)));
    assert.throws(() => marks.toCommit(), /replay --all/);
  });

  it('belong to one group per dead-letter topic, named after it (so test topics\' groups are swept with them)', () => {
    assert.equal(replayerGroupOf('payment.commands.v1.dlt'), 'payment.commands.v1.dlt.replayer');
  });
});
