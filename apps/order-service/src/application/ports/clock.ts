/** The time, injected so that deadlines can be tested without waiting for them. */
export abstract class Clock {
  abstract now(): Date;
}
