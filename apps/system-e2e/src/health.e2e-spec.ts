import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTopology } from './topology.js';

interface HealthReport {
  status: string;
  details: Record<string, { status: string }>;
}

describe('the running stack', async () => {
  const { apps, host } = await loadTopology();

  for (const app of apps) {
    describe(app.name, () => {
      const base = `http://${host}:${app.httpPort}`;

      it('is live', async () => {
        const response = await fetch(`${base}/health/live`);
        assert.equal(response.status, 200);
      });

      it('is ready, with every dependency it uses up', async () => {
        const response = await fetch(`${base}/health/ready`);
        const report = (await response.json()) as HealthReport;
        assert.equal(response.status, 200, JSON.stringify(report));
        assert.deepEqual(Object.keys(report.details).sort(), [...app.datastores].sort());
        for (const [dependency, state] of Object.entries(report.details)) assert.equal(state.status, 'up', dependency);
      });
    });
  }
});
