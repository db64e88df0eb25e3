// The system's description (apps, ports, environment), for the tests that look past the gateway.

type Topology = typeof import('@shop/topology');

/** @shop/topology, read when first needed. */
export function loadTopology(): Promise<Topology> {
  return import('@shop/topology');
}
