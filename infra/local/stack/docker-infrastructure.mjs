// STACK_INFRA=docker: the datastores come from the root docker-compose.yml instead of native
// processes; the apps still run natively against the same host ports. A marker file remembers
// that `up` used compose, so `down` stops those services even without the variable.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localPaths, repositoryRoot } from './paths.mjs';
import { StackError } from './stack-error.mjs';

const SERVICES = ['postgres', 'redis', 'kafka', 'mongo'];
const marker = join(localPaths.pids, 'docker-infrastructure');

export const usesDockerInfrastructure = () => process.env.STACK_INFRA === 'docker';
export const startedDockerInfrastructure = () => existsSync(marker);

export async function startDockerInfrastructure() {
  console.log(`▶ docker compose up -d --wait ${SERVICES.join(' ')}`);
  await compose(['up', '-d', '--wait', ...SERVICES]);
  mkdirSync(localPaths.pids, { recursive: true });
  writeFileSync(marker, `${SERVICES.join(' ')}\n`);
}

/** `stop`, not `down`: keeps the volumes and leaves the other compose services alone. */
export async function stopDockerInfrastructure() {
  console.log(`▶ docker compose stop ${SERVICES.join(' ')}`);
  await compose(['stop', ...SERVICES]);
  rmSync(marker, { force: true });
}

function compose(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['compose', ...args], { cwd: repositoryRoot, stdio: 'inherit' });
    child.on('error', (error) => reject(new StackError(`STACK_INFRA=docker needs Docker with the compose plugin (${error.message})`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new StackError(`docker compose ${args[0]} failed (exit ${code})`))));
  });
}
