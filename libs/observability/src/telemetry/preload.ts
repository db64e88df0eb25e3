// `node --import @shop/observability/preload`: the module loading hook before the first import,
// for processes that load instrumented modules before they start telemetry (test processes that
// build apps in-process). The apps themselves need no flag: their main.ts starts telemetry first.
import { hookModuleLoading } from './module-hooks.js';

hookModuleLoading();
