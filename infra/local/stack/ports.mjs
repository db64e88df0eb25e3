// Checks that a component's ports are free before it starts, so a clash fails with a message
// that says how to move the port instead of a bind error buried in a log file.
import { createServer } from 'node:net';
import { host } from '../topology.mjs';
import { StackError } from './stack-error.mjs';

export class PortInUseError extends StackError {
  constructor({ port, variable, component }) {
    super(`port ${port} is in use by another process; set ${variable} to move ${component}`);
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
