// `npm run saga -- parked | retry <orderId> | resolve <orderId> --note "..."`: the order service's
// operator commands for parked sagas (apps/order-service/README.md), run against the native
// stack's order database with the environment the stack gives the service.
import { existsSync } from 'node:fs';
import { ensureInstalled } from './ensure-installed.mjs';
import { handOver, mustRun } from './run-step.mjs';

process.chdir(new URL('..', import.meta.url).pathname);
await ensureInstalled();
const cli = 'apps/order-service/dist/interface/cli/saga-operator.js';
if (!existsSync(cli)) await mustRun('building (npm run build)', process.execPath, ['tools/build.mjs']);

const { appEnvironment, apps } = await import('../libs/topology/src/topology.mjs');
const environment = appEnvironment(apps.find((app) => app.name === 'order-service'));
await handOver(process.execPath, [cli, ...process.argv.slice(2)], { env: { ...process.env, ...environment, LOG_LEVEL: 'error' } });
