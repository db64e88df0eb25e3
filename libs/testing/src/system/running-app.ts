// Where an app of the running system listens, read from @shop/topology (the one description of
// it), so a port moved by its variable (GATEWAY_PORT, ORDER_SERVICE_GRPC_PORT, ...) reaches
// the end-to-end clients as well.
import type { AppDescription } from '@shop/topology';

export interface RunningApp {
  host: string;
  app: AppDescription;
}

/** The app named `appName` in the topology; an app the topology lacks is a mistake of the test. */
export async function runningApp(appName: string): Promise<RunningApp> {
  const { apps, host } = await import('@shop/topology');
  const app = apps.find((candidate) => candidate.name === appName);
  if (!app) throw new Error(`the topology has no app named "${appName}" (it has ${apps.map((candidate) => candidate.name).join(', ')})`);
  return { host, app };
}
