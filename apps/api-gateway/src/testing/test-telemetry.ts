// Imported first by a spec that looks at traces, before Nest, express or grpc load, as main.ts
// imports telemetry.ts. Spans are created and propagated but exported nowhere.
import { startTelemetry } from '@shop/observability/telemetry';

startTelemetry({ serviceName: 'api-gateway-test', serviceVersion: '0.0.0-test', env: { NODE_ENV: 'test', OTEL_TRACES_SAMPLER_ARG: '1' } });
