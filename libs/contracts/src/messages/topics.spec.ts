import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_MESSAGE_DEFINITIONS } from './all-messages.js';
import { ALL_TOPICS, Topics, deadLetterTopicOf, isDeadLetterTopic } from './topics.js';

describe('topics', () => {
  it('names each topic <owner>.<purpose>.v<layout version>', () => {
    for (const topic of ALL_TOPICS) assert.match(topic, /^[a-z][a-z0-9-]*\.[a-z-]+\.v\d+$/);
    assert.equal(new Set(ALL_TOPICS).size, ALL_TOPICS.length, 'two constants name the same topic');
  });

  it('parks a topic\'s bad messages on <topic>.dlt', () => {
    assert.equal(deadLetterTopicOf(Topics.paymentCommands), 'payment.commands.v1.dlt');
    assert.equal(isDeadLetterTopic('payment.commands.v1.dlt'), true);
    assert.equal(isDeadLetterTopic(Topics.paymentCommands), false);
  });

  it('refuses to dead-letter a dead-letter topic, which would loop', () => {
    assert.throws(() => deadLetterTopicOf('order.events.v1.dlt'), /already a dead-letter topic/);
  });

  it('gives every topic at least one message type, and every message type a declared topic', () => {
    const used = new Set(ALL_MESSAGE_DEFINITIONS.map((definition) => definition.topic));
    assert.deepEqual([...used].sort(), [...ALL_TOPICS].sort());
  });
});
