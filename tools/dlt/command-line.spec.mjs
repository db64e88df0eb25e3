import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from './command-line.mjs';

const MESSAGE_ID = '0f8e4e17-13c1-4c10-bb51-bb7070a7bbd0';

describe('the dlt command line', () => {
  it('reads list, show and replay with their topic and address', () => {
    assert.deepEqual(parseCommandLine(['list']), { command: 'list', topic: undefined });
    assert.deepEqual(parseCommandLine(['list', 'payment.commands.v1']), { command: 'list', topic: 'payment.commands.v1' });
    assert.deepEqual(parseCommandLine(['show', 'payment.commands.v1.dlt', '2:41']), { command: 'show', topic: 'payment.commands.v1.dlt', address: { partition: 2, offset: '41' } });
    assert.deepEqual(parseCommandLine(['show', 'payment.commands.v1', MESSAGE_ID.toUpperCase()]), { command: 'show', topic: 'payment.commands.v1', address: { messageId: MESSAGE_ID } });
    assert.deepEqual(parseCommandLine(['replay', 'payment.commands.v1', '0:007']), { command: 'replay', topic: 'payment.commands.v1', address: { partition: 0, offset: '7' }, again: false });
    assert.deepEqual(parseCommandLine(['replay', 'payment.commands.v1', '--all', '--again']), { command: 'replay', topic: 'payment.commands.v1', all: true, again: true });
  });

  it('answers help in every usual spelling', () => {
    for (const argv of [['help'], ['--help'], ['-h'], ['replay', '--help']]) assert.deepEqual(parseCommandLine(argv), { command: 'help' });
  });

  it('refuses what it cannot run, saying what is wrong', () => {
    const refusals = [
      [[], /command is missing/],
      [['purge', 'x'], /unknown command "purge"/],
      [['list', 'a', 'b'], /at most one topic/],
      [['list', '--all'], /belong to replay/],
      [['show', 'payment.commands.v1'], /a topic and an address/],
      [['show', 'payment.commands.v1', '2-41'], /not an address/],
      [['show', 'payment.commands.v1', '0:-1'], /not an address/],
      [['replay'], /takes a topic/],
      [['replay', 'payment.commands.v1'], /an address .* or --all/],
      [['replay', 'payment.commands.v1', '0:1', '--all'], /not both/],
      [['replay', 'payment.commands.v1', '0:1', '0:2'], /one address at a time/],
      [['replay', 'payment commands', '--all'], /not a Kafka topic name/],
      [['list', '--force'], /Unknown option '--force'/],
    ];
    for (const [argv, message] of refusals) assert.throws(() => parseCommandLine(argv), (error) => error instanceof UsageError && message.test(error.message), argv.join(' '));
  });
});
