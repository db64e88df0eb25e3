// Checks that a component's ports are free before it starts, so a clash fails with a message
// that says how to move the port instead of a bind error buried in a log file.
import { createServer } from 'node:net';
import { host } from '../../../libs/topology/src/topology.mjs';
import { StackError } from './stack-error.mjs';

export class PortInUseError extends StackError {
  /** `atListen`: found by the component itself when it tried to listen, not by the check before it started. */
  constructor({ port, variable, component, atListen = false, logTail }) {
    super(`${atListen ? `${component} could not listen: ` : ''}port ${port} is in use by another process; set ${variable} to move ${component}`, { logTail });
    this.name = 'PortInUseError';
    this.port = port;
    this.variable = variable;
  }
}

/** Binding is the only reliable test: a listener on 0.0.0.0 or [::] also blocks 127.0.0.1. */
export function isPortFree(port, address = host) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: address }, () => probe.close(() => resolve(true)));
  });
}

/** @param ports {{ port: number, variable: string }[]} */
export async function assertPortsFree(component, ports) {
  for (const { port, variable } of ports) {
    if (!(await isPortFree(port))) throw new PortInUseError({ port, variable, component });
  }
}

// Node: "listen EADDRINUSE: address already in use 0.0.0.0:3052" (gRPC wraps it in "No address
// added out of total 1 resolved errors: [...]"); Kafka: "Socket server failed to bind to
// 127.0.0.1:9092: Address already in use."; the MongoDB stand-in: "cannot listen on
// 127.0.0.1:27017: Address already in use"; Java elsewhere: "java.net.BindException: Address
// already in use", without the address.
const BIND_FAILURE = /EADDRINUSE|address already in use/i;
// host:port, IPv4, IPv6 (":::3052") or a name; not a JSON field such as "pid":3052.
const ADDRESS_PORT = /[\w.\]:]:(\d{1,5})\b/g;

/**
 * Which of a component's ports its log says it could not listen on, as { port, variable, line },
 * or undefined when the log shows no bind failure. A failure that names no port of the component
 * points at its only port when it has one.
 * @param log {string} the component's log since its latest start
 * @param ports {{ port: number, variable: string }[]}
 */
export function portInUseFromLog(log, ports) {
  const lines = log.split('\n').filter((line) => BIND_FAILURE.test(line));
  for (const line of lines) {
    for (const [, number] of line.matchAll(ADDRESS_PORT)) {
      const match = ports.find(({ port }) => port === Number(number));
      if (match) return { ...match, line: line.trim() };
    }
  }
  if (lines.length > 0 && ports.length === 1) return { ...ports[0], line: lines[0].trim() };
  return undefined;
}
