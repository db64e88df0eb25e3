/**
 * One load per key at a time: callers that miss while a load for their key runs wait for it
 * instead of starting their own, so a popular key that expires costs one database query, not one
 * per concurrent request (cache breakdown).
 */
export class SingleFlight<V> {
  private readonly inFlight = new Map<string, Promise<V>>();

  /** True when a load for `key` runs now; the next `run` for it will share that load. */
  isRunning(key: string): boolean {
    return this.inFlight.has(key);
  }

  run(key: string, load: () => Promise<V>): Promise<V> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = (async () => load())().finally(() => {
      // A load that `forget` replaced must not remove its successor.
      if (this.inFlight.get(key) === started) this.inFlight.delete(key);
    });
    this.inFlight.set(key, started);
    return started;
  }

  /** Later callers start a fresh load: the running one may have read what a write just replaced. */
  forget(key: string): void {
    this.inFlight.delete(key);
  }
}
