import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INSTRUMENTED_MODULES } from './instrumented-modules.js';
import { instrumentations } from './instrumentations.js';

/** What an instrumentation patches, as @opentelemetry/instrumentation keeps it (not in its public type). */
type WithModules = { getModuleDefinitions?: () => Array<{ name: string }>; _modules?: Array<{ name: string }>; disable(): void };

describe('the modules the loading hook wraps', () => {
  it('are every module an instrumentation patches, so none of them loads unpatched', () => {
    const patched = new Set<string>();
    for (const instrumentation of instrumentations() as unknown as WithModules[]) {
      for (const definition of instrumentation.getModuleDefinitions?.() ?? instrumentation._modules ?? []) patched.add(definition.name);
      instrumentation.disable();
    }
    assert.ok(patched.size >= 10, `the instrumentations name their modules (${[...patched].join(', ')})`);
    assert.deepEqual([...patched].filter((name) => !INSTRUMENTED_MODULES.includes(name)), []);
  });
});
