// A minimal app for run-service.spec: a slow endpoint stands for in-flight work, and a destroy
// hook that takes DRAIN_MS stands for a consumer finishing its batch.
import './draining-app.telemetry.js';
import { Controller, Get, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { HealthModule } from '@shop/observability';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { commonConfig, port } from '../config-fields.js';
import { runService } from '../run-service.js';

const configSchema = z.object({ ...commonConfig, PORT: port(0), DRAIN_MS: z.coerce.number().default(0) });
const config = configSchema.parse(process.env);

@Controller()
class SlowController {
  @Get('slow')
  async slow() {
    await sleep(1_000);
    return { finished: true };
  }
}

@Injectable()
class SlowConsumer implements OnModuleDestroy {
  async onModuleDestroy() {
    await sleep(config.DRAIN_MS);
  }
}

@Module({ imports: [HealthModule.forRoot({ probes: [] })], controllers: [SlowController], providers: [SlowConsumer] })
class DrainingAppModule {}

void runService({ name: 'draining-app', configSchema, appModule: () => DrainingAppModule, host: '127.0.0.1' });
