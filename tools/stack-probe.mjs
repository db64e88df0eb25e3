// Whether the native stack already runs, judged the way a user would: the gateway answers ready.
// `npm test` and `npm run demo` leave a stack they did not start running when they finish.
import { apps, host } from '../libs/topology/src/topology.mjs';

const gateway = apps.find((app) => app.name === 'api-gateway');

export async function isStackUp() {
  try {
    const response = await fetch(`http://${host}:${gateway.httpPort}/health/ready`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
