import { register } from 'import-in-the-middle/register-hooks.mjs';
import { INSTRUMENTED_MODULES } from './instrumented-modules.js';

let hooked = false;

/**
 * OpenTelemetry's instrumentations patch a CommonJS module as it is required, but an ES module
 * (and a CommonJS one imported from ESM) only through a loader hook: without this, express, pg,
 * kafkajs, ioredis, mongodb and gRPC load unpatched. It must run before they are first imported.
 * Synchronous hooks (`module.registerHooks`), in the application's own thread, for the modules
 * the instrumentations patch only: by default every module imported was wrapped, and those
 * wrappers were 20–47 MB of each app's resident memory.
 */
export function hookModuleLoading(): void {
  if (hooked) return;
  register({ include: [...INSTRUMENTED_MODULES] });
  hooked = true;
}
