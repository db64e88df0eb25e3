import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailMessageIdOf } from './mail-message-id.js';

describe('mailMessageIdOf', () => {
  it('names the notification at the domain of the sender', () => {
    assert.equal(mailMessageIdOf('n-1', 'Shop <orders@shop.example>'), '<n-1@shop.example>');
    assert.equal(mailMessageIdOf('n-1', 'orders@mail.example'), '<n-1@mail.example>');
  });

  it('gives a resent email the id of the first', () => {
    assert.equal(mailMessageIdOf('n-2', 'orders@shop.local'), mailMessageIdOf('n-2', 'orders@shop.local'));
  });
});
