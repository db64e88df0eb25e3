// Loaded first by the fixture, as every app's main.ts loads its telemetry.ts first.
import { startTelemetry } from '@shop/observability/telemetry';

startTelemetry({ serviceName: 'draining-app', serviceVersion: '0.0.0' });
