import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root, seen from `apps/system-e2e/dist/`. */
export const repositoryRoot = join(import.meta.dirname, '..', '..', '..');

type Topology = typeof import('../../../infra/local/topology.mjs');

/** The native stack's description (ports, apps, env). By path: infra/ is not a project to import. */
export function loadTopology(): Promise<Topology> {
  return import(pathToFileURL(join(repositoryRoot, 'infra', 'local', 'topology.mjs')).href) as Promise<Topology>;
}
