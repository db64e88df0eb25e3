/**
 * Something an app cannot serve without: its database, its broker, its cache.
 * Infrastructure clients implement this, and `/health/ready` pings each of them.
 */
export interface ReadinessProbe {
  /** Key in the health report, e.g. `postgres`, `kafka`, `redis`, `mongo`. */
  readonly dependency: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');
