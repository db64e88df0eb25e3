import { join } from 'node:path';

/** The repository root, seen from `apps/system-e2e/dist/`. */
export const repositoryRoot = join(__dirname, '..', '..', '..');

type Topology = typeof import('../../../infra/local/topology.mjs', { with: { 'resolution-mode': 'import' } });

/** The native stack's description (ports, apps, env); an ES module, so it is loaded asynchronously. */
export function loadTopology(): Promise<Topology> {
  // A literal `import()` would be compiled to `require()`, which cannot load an ES module on Node 20.
  const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Topology>;
  return importModule(join(repositoryRoot, 'infra', 'local', 'topology.mjs'));
}
