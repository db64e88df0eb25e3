import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, BulkheadRejectedError, DependencyTimeoutError, TaskCancelledError } from '@shop/resilience';
import { CardGatewayRequestError } from './card-gateway.simulator.js';
import { declineReasonOfCode, declineReasonOfFailure } from './gateway-decline-reasons.js';

describe('decline reasons of the card gateway', () => {
  it('maps the gateway decline codes to the contract reasons', () => {
    assert.equal(declineReasonOfCode('card_declined'), 'CARD_DECLINED');
    assert.equal(declineReasonOfCode('invalid_token'), 'INVALID_PAYMENT_TOKEN');
  });

  it('declines as GATEWAY_TIMEOUT when an attempt or the whole call ran out of time', () => {
    assert.equal(declineReasonOfFailure(new DependencyTimeoutError('payment-gateway', 'attempt', 1_000)), 'GATEWAY_TIMEOUT');
    assert.equal(declineReasonOfFailure(new DependencyTimeoutError('payment-gateway', 'deadline', 2_500)), 'GATEWAY_TIMEOUT');
  });

  it('declines as GATEWAY_UNAVAILABLE when the circuit is open or the bulkhead full', () => {
    assert.equal(declineReasonOfFailure(new BrokenCircuitError()), 'GATEWAY_UNAVAILABLE');
    assert.equal(declineReasonOfFailure(new BulkheadRejectedError(20, 20)), 'GATEWAY_UNAVAILABLE');
  });

  it('declines as GATEWAY_UNAVAILABLE for any other transient failure: refused connections, 503s', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    assert.equal(declineReasonOfFailure(new TypeError('fetch failed', { cause: refused })), 'GATEWAY_UNAVAILABLE');
    assert.equal(declineReasonOfFailure(Object.assign(new Error('Service Unavailable'), { status: 503 })), 'GATEWAY_UNAVAILABLE');
  });

  it('leaves errors that say nothing about the gateway\'s health to the caller', () => {
    assert.equal(declineReasonOfFailure(new CardGatewayRequestError('idempotency_key_reused', 'reused')), undefined);
    assert.equal(declineReasonOfFailure(Object.assign(new Error('Bad Request'), { status: 400 })), undefined);
    assert.equal(declineReasonOfFailure(new TaskCancelledError('cancelled by the caller')), undefined);
    assert.equal(declineReasonOfFailure(new Error('a bug')), undefined);
  });
});
