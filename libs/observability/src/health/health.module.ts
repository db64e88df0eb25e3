import { DynamicModule, InjectionToken, Module, ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { READINESS_PROBES } from './readiness-probe.js';
import { ShutdownSignal } from './shutdown-signal.js';

export interface HealthModuleOptions {
  /** Modules that export the probes. */
  imports?: ModuleMetadata['imports'];
  /** Providers implementing `ReadinessProbe` that `/health/ready` pings. */
  probes: InjectionToken[];
}

/** `GET /health/live` and `GET /health/ready` for an app. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        ShutdownSignal,
        { provide: READINESS_PROBES, useFactory: (...probes: unknown[]) => probes, inject: options.probes },
      ],
      exports: [ShutdownSignal],
    };
  }
}
