/**
 * Thrown by a handler for a message that can never succeed (it contradicts the handler's state in
 * a way no retry fixes): it goes to the dead-letter topic at once instead of after the retries.
 */
export class NonRetryableMessageError extends Error {
  readonly code = 'MESSAGING.NON_RETRYABLE';
}
