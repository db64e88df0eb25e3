// `stack:status`: one line per component: whose process, which ports, whether it answers.
import { appComponents, machineServices, nativeInfrastructure } from './components.mjs';
import { startedDockerInfrastructure, usesDockerInfrastructure } from './docker-infrastructure.mjs';
import { runningRecord } from './processes.mjs';
import { printTable } from './table.mjs';

export async function status() {
  await printStatusTable();
}

export async function printStatusTable() {
  const docker = usesDockerInfrastructure() || startedDockerInfrastructure();
  const infrastructure = docker
    ? [...machineServices, ...nativeInfrastructure].map((component) => ({ ...component, owner: 'docker' }))
    : [...machineServices.map((service) => ({ ...service, owner: 'machine' })), ...nativeInfrastructure];
  const rows = await Promise.all([...infrastructure, ...appComponents].map(describe));
  printTable(['component', 'pid', 'ports', 'endpoint', 'state'], rows);
}

async function describe(component) {
  const record = component.owner ? undefined : runningRecord(component.name);
  const answers = await component.isReady();
  return {
    component: component.name,
    pid: component.owner ?? record?.pid ?? '-',
    ports: component.ports.map(({ port }) => port).join(','),
    endpoint: component.endpoint,
    state: stateOf(component, record, answers),
  };
}

function stateOf(component, record, answers) {
  if (answers) return component.owner || record ? 'ready' : 'ready (not started by the stack)';
  if (component.owner) return 'not answering';
  return record ? 'running, not ready' : 'stopped';
}
