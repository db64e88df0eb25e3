// Properties of the saga machine over any order of events: replies of every kind (late, duplicated,
// out of order, for steps long done) and step deadlines passing at any time. fast-check generates
// the histories and shrinks a failing one to the shortest that still fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { SagaStep } from '@shop/contracts/messages';
import type { OrderSaga, SagaTransition, StepLogEntry } from './order-saga.js';
import { advanceOrderSaga, startOrderSaga } from './order-saga.machine.js';
import type { SagaReply } from './saga-messages.js';
import { ALL_REPLIES, order, placedAt, sagaId, timings } from './testing/saga.fixtures.js';

type HistoryEvent = { readonly kind: 'reply'; readonly reply: SagaReply; readonly afterSeconds: number } | { readonly kind: 'deadline'; readonly afterSeconds: number };

const historyEvent: fc.Arbitrary<HistoryEvent> = fc.oneof(
  fc.record({ kind: fc.constant('reply' as const), reply: fc.constantFrom(...ALL_REPLIES), afterSeconds: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ kind: fc.constant('deadline' as const), afterSeconds: fc.integer({ min: 0, max: 400 }) }),
);

interface Run {
  readonly states: OrderSaga['state'][];
  readonly transitions: SagaTransition[];
  readonly log: StepLogEntry[];
}

/** Plays a history from the order's placement; a deadline event fires at once if the deadline has passed. */
function play(history: readonly HistoryEvent[]): Run {
  const start = startOrderSaga(sagaId, order, placedAt, timings);
  let saga = start.saga;
  let now = placedAt;
  const run: Run = { states: [saga.state], transitions: [start], log: [...start.log] };
  for (const event of history) {
    now = new Date(now.getTime() + event.afterSeconds * 1000);
    const transition = advanceOrderSaga(
      { saga, order, now, timings },
      event.kind === 'reply' ? { kind: 'reply', reply: event.reply } : { kind: 'deadline-expired' },
    );
    run.transitions.push(transition);
    if (transition.applied) run.log.push(...transition.log);
    saga = transition.saga;
    run.states.push(saga.state);
  }
  return run;
}

const applied = (run: Run) => run.transitions.filter((transition) => transition.applied);
const outcomesOf = (run: Run) => applied(run).flatMap((transition) => (transition.outcome ? [transition.outcome.definition.type] : []));
const logged = (run: Run, step: SagaStep, status: StepLogEntry['status']) => run.log.some((entry) => entry.step === step && entry.status === status);

describe('order saga properties (fast-check)', () => {
  it('ends with at most one outcome, and changes nothing once it has ended', () => {
    fc.assert(
      fc.property(fc.array(historyEvent, { maxLength: 40 }), (history) => {
        const run = play(history);
        assert.ok(outcomesOf(run).length <= 1, `outcomes: ${outcomesOf(run).join(', ')}`);
        const endedAt = run.states.findIndex((state) => state === 'CONFIRMED' || state === 'REJECTED' || state === 'CANCELLED');
        if (endedAt >= 0) assert.ok(run.transitions.slice(endedAt + 1).every((transition) => !transition.applied));
      }),
      { numRuns: 2000 },
    );
  });

  it('on cancellation, has compensated every compensatable step it started and got no definite no for', () => {
    fc.assert(
      fc.property(fc.array(historyEvent, { maxLength: 40 }), (history) => {
        const run = play(history);
        if (!outcomesOf(run).includes('order.OrderCancelled')) return;
        // Reserving stock always started, and a definite "no" to it rejects the order instead.
        assert.ok(logged(run, 'RESERVE_STOCK', 'COMPENSATED'), 'the reservation is released');
        const declined = applied(run).some((transition) => transition.log.some((entry) => entry.step === 'AUTHORIZE_PAYMENT' && entry.status === 'FAILED' && entry.detail?.startsWith('no reply') === false));
        if (logged(run, 'AUTHORIZE_PAYMENT', 'STARTED') && !declined) {
          assert.ok(logged(run, 'AUTHORIZE_PAYMENT', 'COMPENSATED'), 'an authorization the saga never heard a no to is voided');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('compensates nothing after the pivot: once confirming, it only goes forward', () => {
    fc.assert(
      fc.property(fc.array(historyEvent, { maxLength: 40 }), (history) => {
        const run = play(history);
        const pivot = run.states.indexOf('CONFIRMING');
        if (pivot < 0) return;
        const afterPivot = run.transitions.slice(pivot + 1).filter((transition) => transition.applied);
        const compensations = afterPivot.flatMap((transition) => transition.commands.map((command) => command.definition.type));
        assert.deepEqual(
          compensations.filter((type) => type === 'payment.VoidPayment' || type === 'inventory.ReleaseStock'),
          [],
        );
        assert.ok(run.states.slice(pivot).every((state) => state === 'CONFIRMING' || state === 'CONFIRMED'));
        assert.ok(outcomesOf(run).every((outcome) => outcome === 'order.OrderConfirmed'));
      }),
      { numRuns: 2000 },
    );
  });
});
