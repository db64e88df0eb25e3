import { Controller, Get, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { activeTelemetry } from '../telemetry/active-telemetry.js';

/** `GET /metrics`: every meter of the process in Prometheus text format, on the app's own port. */
@Controller('metrics')
export class MetricsController {
  @Get()
  scrape(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    const exporter = activeTelemetry()?.prometheus;
    if (!exporter) {
      response.statusCode = 503;
      response.setHeader('content-type', 'text/plain');
      response.end('# metrics are off: telemetry was not started, or OTEL_SDK_DISABLED=true\n');
      return;
    }
    exporter.getMetricsRequestHandler(request, response);
  }
}
