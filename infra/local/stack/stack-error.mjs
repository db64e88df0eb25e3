/**
 * A failure the user can act on: stack.mjs prints its message (and the log tail, when there is
 * one) without a stack trace, and exits 1.
 */
export class StackError extends Error {
  constructor(message, { logTail } = {}) {
    super(message);
    this.name = 'StackError';
    this.logTail = logTail;
  }
}
