import type { DiagLogger } from '@opentelemetry/api';

/**
 * The SDK's own warnings (an unreachable collector, a dropped export) as JSON lines shaped like
 * pino's, so they land in the same log pipeline instead of as bare console text. Pino itself is not
 * loaded yet when telemetry starts, and must not be: it has to be loaded after the instrumentations.
 */
export function jsonDiagLogger(service: string): DiagLogger {
  const write = (level: number) => (message: string, ...args: unknown[]) => {
    const detail = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
    const line = { level, time: new Date().toISOString(), service, context: 'OpenTelemetry', msg: detail ? `${message} ${detail}` : message };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
  return { error: write(50), warn: write(40), info: write(30), debug: write(20), verbose: write(10) };
}
