import { Clock } from '../application/ports/clock.js';

/** A clock that moves one second on every reading, so "newest first" never depends on timing. */
export class SteppingClock extends Clock {
  private next: number;

  constructor(start = new Date('2026-01-01T00:00:00.000Z')) {
    super();
    this.next = start.getTime();
  }

  now(): Date {
    const now = new Date(this.next);
    this.next += 1_000;
    return now;
  }
}
