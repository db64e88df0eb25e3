// `--profile`: the six apps run a load under V8's sampling profiler (`node --cpu-prof`), then
// stop (SIGTERM: an app drains and exits, and the profile is written on exit) and start again
// normally. Each .cpuprofile opens in Chrome DevTools or speedscope; the summary printed here is
// the self time by package and the top functions.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appComponents } from '../../infra/local/stack/components.mjs';
import { repositoryRoot } from '../../infra/local/stack/paths.mjs';
import { runningRecord, stopProcess } from '../../infra/local/stack/processes.mjs';
import { waitUntilReady } from '../../infra/local/stack/readiness.mjs';

const APPS_READY_TIMEOUT_MS = 90_000;

export const profileFileOf = (folder, appName) => join(folder, `${appName}.cpuprofile`);

/** Runs `body` while every app runs with `--cpu-prof` writing into `folder`; the apps run normally again afterwards. */
export async function withProfiledApps(folder, body) {
  await stopApps();
  console.log(`▶ starting the apps with --cpu-prof (profiles into ${relative(repositoryRoot, folder)}/)`);
  for (const component of appComponents) {
    await component.start(['--cpu-prof', `--cpu-prof-dir=${folder}`, `--cpu-prof-name=${component.name}.cpuprofile`]);
  }
  try {
    await waitUntilReady(appComponents, { timeoutMs: APPS_READY_TIMEOUT_MS });
    return await body();
  } finally {
    console.log('▶ stopping the profiled apps (SIGTERM: each writes its profile as it exits), then starting them normally');
    await stopApps();
    for (const component of appComponents) await component.start();
    await waitUntilReady(appComponents, { timeoutMs: APPS_READY_TIMEOUT_MS });
  }
}

async function stopApps() {
  await Promise.all(
    appComponents.map(async (component) => {
      const record = runningRecord(component.name);
      if (record) await stopProcess(record, component.stopDeadlineMs);
    }),
  );
}

const SPECIAL_NODES = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** What a script URL belongs to: a package of node_modules, a workspace app or lib, Node.js itself. */
export function packageOf(url, root = repositoryRoot) {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node (built-in)';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (inModules) return inModules[1];
  const inWorkspace = /^(apps|libs)\/([^/]+)\//.exec(relative(root, path));
  if (inWorkspace) return inWorkspace[1] === 'libs' ? `@shop/${inWorkspace[2]}` : `${inWorkspace[2]} (app)`;
  return path;
}

/**
 * Self time of a .cpuprofile: the ms sampled in each function (a sample lasts until the next
 * one: `timeDeltas` are µs), summed by package and by function. `(idle)` is kept apart. With
 * `windows` ([fromUs, toUs] pairs on the profile's clock, CLOCK_MONOTONIC), only the samples
 * taken inside them count: the load, not the start-up.
 */
export function summarizeProfile(profile, { top = 12, root = repositoryRoot, windows } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  const inWindow = (timeUs) => !windows || windows.some(([from, to]) => timeUs >= from && timeUs < to);
  let timeUs = profile.startTime;
  samples.forEach((id, index) => {
    timeUs += timeDeltas[index] ?? 0;
    if (inWindow(timeUs)) selfUs.set(id, (selfUs.get(id) ?? 0) + (timeDeltas[index + 1] ?? 0));
  });
  let idleMs = 0;
  const byPackage = new Map();
  const byFunction = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const ms = us / 1000;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const special = !url && SPECIAL_NODES.has(functionName);
    const where = special ? functionName : packageOf(url, root);
    add(byPackage, where, ms);
    const location = url ? ` ${url.startsWith('node:') ? url : relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    add(byFunction, `${functionName || '(anonymous)'}${location}`, ms);
  }
  const busyMs = [...byPackage.values()].reduce((sum, ms) => sum + ms, 0);
  const ranked = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: busyMs ? ms / busyMs : 0 }));
  return { busyMs, idleMs, packages: ranked(byPackage), functions: ranked(byFunction) };
}

/** The summaries of the profiles the apps wrote into `folder`, over the `windows` of the load. */
export function readProfiles(folder, windows) {
  return appComponents.map((component) => {
    const file = profileFileOf(folder, component.name);
    try {
      return { app: component.name, file, ...summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), { windows }) };
    } catch (error) {
      return { app: component.name, file, error: `no profile (${error.code ?? error.message})` };
    }
  });
}
