// `stack:up`: infrastructure, database roles and migrations, build, then the six apps; waits
// until everything answers and prints where it runs. Components already running are left alone.
import { appComponents, machineServices, nativeInfrastructure } from './components.mjs';
import { needsBuild } from './apps.mjs';
import { stopComponents } from './down.mjs';
import { startDockerInfrastructure, usesDockerInfrastructure } from './docker-infrastructure.mjs';
import { runBuild, runMigrations } from './monorepo-steps.mjs';
import { assertPortsFree } from './ports.mjs';
import { provisionPostgres } from './postgres.mjs';
import { runningRecord } from './processes.mjs';
import { waitUntilReady } from './readiness.mjs';
import { StackError } from './stack-error.mjs';
import { printStatusTable } from './status.mjs';

const INFRASTRUCTURE_TIMEOUT_MS = 120_000;
const APPS_TIMEOUT_MS = 90_000;

export async function up() {
  const startedAt = Date.now();
  const docker = usesDockerInfrastructure();
  const infrastructure = docker ? [] : nativeInfrastructure;
  console.log('▶ checking what runs already and that the ports are free');
  const infrastructureToStart = await componentsToStart(infrastructure);
  const appsToStart = await componentsToStart(appComponents);

  if (docker) await startDockerInfrastructure();
  else await checkMachineServices();

  const startedNow = [];
  try {
    await startAndWait({ docker, infrastructure, infrastructureToStart, appsToStart, startedNow, startedAt });
  } catch (error) {
    // A failed `up` leaves nothing of its own behind (what ran before it is left alone); the
    // logs stay for the post-mortem.
    console.log('✖ start-up failed: stopping what this run started');
    await stopComponents(startedNow);
    throw error;
  }

  console.log(`\nThe stack is up (${((Date.now() - startedAt) / 1000).toFixed(1)} s). Logs: .local/logs/<component>.log\n`);
  await printStatusTable();
}

async function startAndWait({ docker, infrastructure, infrastructureToStart, appsToStart, startedNow, startedAt }) {
  console.log('▶ infrastructure');
  for (const component of infrastructureToStart) await start(component, startedNow);
  // Databases, migrations and the build need no Kafka: they run while the JVMs boot.
  if (docker) console.log('  PostgreSQL roles and databases come from the compose init script');
  else await provisionDatabases();
  console.log('▶ migrations');
  await runMigrations();
  if (appsToStart.some((component) => needsBuild(component.app))) {
    console.log('▶ build (apps missing or older than their sources)');
    await runBuild();
  }
  await waitUntilReady(infrastructure, { timeoutMs: INFRASTRUCTURE_TIMEOUT_MS, startedAt });

  console.log('▶ apps');
  for (const component of appsToStart) await start(component, startedNow);
  await waitUntilReady(appComponents, { timeoutMs: APPS_TIMEOUT_MS, startedAt });
}

async function start(component, startedNow) {
  const record = await component.start();
  startedNow.push(component);
  console.log(`  started ${component.name} (pid ${record.pid})`);
}

/**
 * Components of ours that already run are reported and skipped; the ports of the others are
 * checked before anything starts, so a clash fails at once and names the variable to set.
 */
async function componentsToStart(components) {
  const toStart = [];
  for (const component of components) {
    const running = runningRecord(component.name);
    if (running) {
      console.log(`  ${component.name} is already running (pid ${running.pid}), left alone`);
      continue;
    }
    await assertPortsFree(component.label, component.ports);
    toStart.push(component);
  }
  return toStart;
}

async function checkMachineServices() {
  for (const service of machineServices) {
    if (!(await service.isReady())) {
      const [{ port, variable }] = service.ports;
      throw new StackError(`${service.label} does not answer on ${service.endpoint}; start it (the stack uses the machine's), or set ${variable} if it runs on another port than ${port}`);
    }
  }
}

async function provisionDatabases() {
  const created = await provisionPostgres();
  console.log(`  PostgreSQL: one database and role per service, CONNECT revoked from PUBLIC${created.length ? ` (created ${created.join(', ')})` : ''}`);
}
