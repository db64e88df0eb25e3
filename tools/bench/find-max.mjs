// `--find-max`: the rate goes up step by step until a step is not sustained: too many orders
// not confirmed (HTTP errors, rejections, cancellations, sagas unfinished at the end of the
// wait), or a saga p99 (from each order's scheduled time) above the limit.

export const FIND_MAX_DEFAULTS = Object.freeze({
  startRate: 5,
  factor: 1.25,
  maxRate: 200,
  p99LimitMs: 1000,
  maxFailureRatio: 0.01,
});

/** Whether a step kept up: `{ sustained, reasons }`, reasons saying why not. */
export function judgeStep({ scheduled, confirmed, sagaP99Ms }, { p99LimitMs, maxFailureRatio }) {
  const reasons = [];
  const failed = scheduled - confirmed;
  if (scheduled === 0 || failed / scheduled > maxFailureRatio) {
    reasons.push(`${failed} of ${scheduled} orders not confirmed (limit ${(maxFailureRatio * 100).toFixed(1)}%)`);
  }
  if (sagaP99Ms === undefined || sagaP99Ms > p99LimitMs) {
    reasons.push(`saga p99 ${sagaP99Ms === undefined ? 'unknown' : `${Math.round(sagaP99Ms)} ms`} > ${p99LimitMs} ms`);
  }
  return { sustained: reasons.length === 0, reasons };
}

/** The next rate: `factor` times higher, to half an order per second, and at least half a step up. */
export function nextRate(rate, factor) {
  return Math.max(rate + 0.5, Math.round(rate * factor * 2) / 2);
}

/** Whether to run another step after `steps` (and at which rate), and the best sustained rate so far. */
export function decide(steps, { startRate, factor, maxRate }) {
  const sustained = steps.filter((step) => step.verdict.sustained);
  const best = sustained.length ? Math.max(...sustained.map((step) => step.rate)) : undefined;
  const last = steps.at(-1);
  if (!last) return { again: true, rate: startRate, best };
  if (!last.verdict.sustained) return { again: false, best };
  const rate = nextRate(last.rate, factor);
  return rate > maxRate ? { again: false, best } : { again: true, rate, best };
}
