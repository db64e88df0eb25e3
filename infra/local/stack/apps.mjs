// The six apps, run from their compiled dist/main.js with the environment the topology gives
// them; built first when their build is missing or older than the sources.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appEnvironment, appNodeFlags, apps, host, portVariableFor } from '../../../libs/topology/src/topology.mjs';
import { repositoryRoot } from './paths.mjs';
import { startDetached } from './processes.mjs';

const mainOf = (app) => join(repositoryRoot, 'apps', app.name, 'dist', 'main.js');

export const appComponents = apps.map((app) => ({
  name: app.name,
  label: app.name,
  app,
  ports: [app.httpPort, app.grpcPort]
    .filter((port) => port !== undefined)
    .map((port) => ({ port, variable: portVariableFor(port) })),
  endpoint: `http://${host}:${app.httpPort}`,
  // The apps drain within SHUTDOWN_TIMEOUT_MS (8 s by default) and then exit by themselves.
  stopDeadlineMs: 12_000,
  /** `nodeFlags`: more Node.js flags for this start (bench:orders --profile adds --cpu-prof). */
  start: async (nodeFlags = []) => {
    const env = appEnvironment(app);
    // Spans of this run only: the file is the e2e tests' and the demo's view of the traces, and
    // appending run after run made it hundreds of megabytes that every read parsed again.
    rmSync(env.OTEL_TRACES_FILE, { force: true });
    return startDetached(app.name, process.execPath, [...appNodeFlags, ...nodeFlags, mainOf(app)], { env });
  },
  isReady: () => answersReady(app),
}));

async function answersReady(app) {
  try {
    const response = await fetch(`http://${host}:${app.httpPort}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/** True when an app has no build, or a source it is compiled from changed after its last build. */
export function needsBuild(app) {
  const appFolder = join(repositoryRoot, 'apps', app.name);
  const main = join(appFolder, 'dist', 'main.js');
  if (!existsSync(main)) return true;
  // tsc -b touches the build info of every project downstream of a changed one, even when the
  // output stays the same.
  const buildInfo = join(appFolder, 'dist', 'tsconfig.tsbuildinfo');
  const builtAt = Math.max(statSync(main).mtimeMs, existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0);
  return [...projectsBuiltInto(appFolder)].some((project) =>
    SOURCE_FOLDERS.some((folder) => newestSourceTime(join(project, folder)) > builtAt),
  );
}

const SOURCE_FOLDERS = ['src', 'prisma'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'dist-test', 'generated', 'testing']);
// Only what tsc or Prisma compiles into dist/: a changed .mjs script, test or test helper
// (testing/, compiled into dist-test/) would otherwise ask for a build that never makes dist/ newer.
const isCompiledSource = (name) => (name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(name)) || name.endsWith('.prisma');

/** The project and every lib it references, through the tsconfig.json project references. */
function projectsBuiltInto(project, found = new Set()) {
  if (found.has(project)) return found;
  found.add(project);
  const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
  for (const reference of tsconfig.references ?? []) projectsBuiltInto(resolve(project, reference.path), found);
  return found;
}

function newestSourceTime(folder) {
  if (!existsSync(folder)) return 0;
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (isCompiledSource(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
