import { join } from 'node:path';

/** The repository root, seen from `apps/system-e2e/dist/`. */
export const repositoryRoot = join(import.meta.dirname, '..', '..', '..');

type Topology = typeof import('@shop/topology');

/** The system's description (ports, apps, env), read when first needed. */
export function loadTopology(): Promise<Topology> {
  return import('@shop/topology');
}
