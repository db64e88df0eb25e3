/**
 * Background work that runs every `intervalMs`, one run at a time: the next run is scheduled when
 * the last one ends, so a slow run never overlaps the next. `stop()` lets a run in progress finish
 * (its transaction commits) and schedules no other. The work handles its own errors: a run that
 * throws is simply followed by the next. Sweepers (saga deadlines, reservation expiry) use it.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Starts the runs, the first one interval after `ready` settles (at once by default). */
  start(ready: Promise<unknown> = Promise.resolve()): void {
    this.running = ready.then(
      () => this.schedule(),
      () => this.schedule(),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.work()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, this.intervalMs);
  }
}
