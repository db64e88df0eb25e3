// `stack:down`: stops what `stack:up` started, and nothing else: only processes recorded under
// .local/pids/ that are still the very processes started (same pid and start time). Apps first,
// so they drain while Kafka and MongoDB still answer.
import { appComponents, nativeInfrastructure } from './components.mjs';
import { startedDockerInfrastructure, stopDockerInfrastructure, usesDockerInfrastructure } from './docker-infrastructure.mjs';
import { forgetRecord, runningRecord, stopProcess } from './processes.mjs';

export async function down() {
  await stopComponents([...appComponents, ...nativeInfrastructure], { reportStopped: true });
  if (usesDockerInfrastructure() || startedDockerInfrastructure()) await stopDockerInfrastructure();
}

/** Apps in parallel, then the infrastructure in parallel. */
export async function stopComponents(components, { reportStopped = false } = {}) {
  const apps = components.filter((component) => appComponents.includes(component));
  const infrastructure = components.filter((component) => !appComponents.includes(component));
  for (const [title, group] of [['apps', apps], ['infrastructure', infrastructure]]) {
    if (group.length === 0) continue;
    console.log(`▶ stopping ${title}`);
    await Promise.all(group.map((component) => stopComponent(component, reportStopped)));
  }
}

async function stopComponent(component, reportStopped) {
  const record = runningRecord(component.name);
  if (!record) {
    if (reportStopped) console.log(`  ${component.name}: not running`);
    return;
  }
  const outcome = await stopProcess(record, component.stopDeadlineMs);
  forgetRecord(component.name);
  console.log(`  ${component.name} (pid ${record.pid}): ${outcome}`);
}
