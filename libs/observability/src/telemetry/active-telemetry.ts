import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/** The telemetry this process started, as the rest of the app needs it. */
export interface RunningTelemetry {
  readonly serviceName: string;
  /** Absent when OTEL_SDK_DISABLED=true: then `/metrics` answers 503. */
  readonly prometheus?: PrometheusExporter;
  /** Flushes pending spans and metrics, then stops the SDK. */
  shutdown(): Promise<void>;
}

// One SDK per process: the OpenTelemetry API's providers are process-global anyway.
let active: RunningTelemetry | undefined;

export function activeTelemetry(): RunningTelemetry | undefined {
  return active;
}

export function setActiveTelemetry(telemetry: RunningTelemetry): void {
  active = telemetry;
}

/**
 * Stops the active telemetry within `timeoutMs`. Resolves `false` when the flush did not finish in
 * time (an unreachable collector), so a shutdown deadline is never spent waiting on an exporter.
 */
export async function stopTelemetry(timeoutMs: number): Promise<boolean> {
  if (!active) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
  });
  const stopped = active.shutdown().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([stopped, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
