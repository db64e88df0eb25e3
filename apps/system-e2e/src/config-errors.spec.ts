import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { REPOSITORY_ROOT } from '@shop/testing';
import { loadTopology } from './topology.js';

/** Runs an app with exactly `env` (plus PATH) and returns how it ended. */
function startWith(app: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(REPOSITORY_ROOT, 'apps', app, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stderrLines: result.stderr.trim().split('\n'), stdout: result.stdout };
}

describe('an app with bad configuration', async () => {
  const { apps, appEnvironment } = await loadTopology();

  for (const app of apps) {
    const validEnv = appEnvironment(app);
    const required = Object.keys(validEnv).filter((name) => /_URL$|_BROKERS$/.test(name));

    describe(app.name, () => {
      before(() => assert.ok(required.length > 0, `${app.name} should need at least one connection setting`));

      it('stops with exit code 1 and one line naming each missing variable', () => {
        for (const variable of required) {
          const { [variable]: _missing, ...env } = validEnv;
          const result = startWith(app.name, env);
          assert.equal(result.code, 1, `without ${variable}`);
          assert.deepEqual(result.stderrLines, [`Invalid configuration: ${variable} is required`]);
          assert.equal(result.stdout, '', 'nothing may be logged before the configuration is valid');
        }
      });

      it('names a malformed variable and prints no stack trace', () => {
        const variable = required[0]!;
        const result = startWith(app.name, { ...validEnv, [variable]: 'not a url', PORT: '99999' });
        assert.equal(result.code, 1);
        assert.equal(result.stderrLines.length, 1);
        assert.match(result.stderrLines[0]!, new RegExp(`^Invalid configuration: PORT must be between 1 and 65535; ${variable} `));
        assert.doesNotMatch(result.stderrLines[0]!, /\bat\s.*\.js:\d+/);
      });
    });
  }
});
