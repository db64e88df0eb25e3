// Loaded first by main.ts: OpenTelemetry patches http, express, grpc, kafkajs and the database
// clients as they are first imported, so it has to start before any of them is.
import { readPackageVersion, startTelemetry } from '@shop/observability/telemetry';

startTelemetry({ serviceName: 'api-gateway', serviceVersion: readPackageVersion(import.meta.dirname) });
