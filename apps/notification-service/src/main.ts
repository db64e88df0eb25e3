// OpenTelemetry first: it hooks the loading of every module imported after it (ES modules are only
// instrumented through that hook), so the service is imported once telemetry runs.
import './telemetry.js';

const { startService } = await import('./service.js');
await startService();
