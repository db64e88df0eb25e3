// One-shot services run once at `docker compose up`, exit 0 and stay exited (`jwt-keys`); other
// services wait for them with `condition: service_completed_successfully` and read what they left in
// named volumes. Without Docker, compose.spec.mjs runs their node commands locally instead, with each
// named volume a temporary folder, so the apps' configuration is checked against the real files.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { dependenciesOf, environmentOf, mountOf, repositoryRoot } from './compose-file.mjs';

/** Names of the services some other service waits for with service_completed_successfully. */
export function oneShotServiceNames(services) {
  const waitedFor = Object.values(services).flatMap((definition) =>
    Object.entries(dependenciesOf(definition))
      .filter(([, dependency]) => dependency.condition === 'service_completed_successfully')
      .map(([name]) => name),
  );
  return [...new Set(waitedFor)];
}

/** Where a container path of `definition` lies on this machine: the repository for bind mounts, `volumesRoot/<name>` for named volumes. */
export function hostPathOf(definition, containerPath, volumesRoot) {
  const found = mountOf(definition, containerPath);
  if (!found) return undefined;
  const base = found.mount.type === 'bind' ? join(repositoryRoot, found.mount.source) : join(volumesRoot, found.mount.source);
  return join(base, found.relativePath);
}

/**
 * Runs a one-shot service's command (`node <script> <args>`) with this machine's node, its
 * environment, and its container paths translated by hostPathOf. Returns spawnSync's result.
 */
export function runOneShot(definition, volumesRoot) {
  const [program, ...args] = definition.command ?? [];
  if (program !== 'node') throw new Error(`only \`node ...\` one-shot commands can be run without Docker, not ${JSON.stringify(definition.command)}`);
  const translated = args.map((arg) => hostPathOf(definition, arg, volumesRoot) ?? arg);
  return spawnSync(process.execPath, translated, { encoding: 'utf8', env: { PATH: process.env.PATH, ...environmentOf(definition) } });
}
