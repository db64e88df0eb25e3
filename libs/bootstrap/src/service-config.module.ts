import { DynamicModule, Global, Module } from '@nestjs/common';

/** Injection token of the app's validated configuration object. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** Makes the validated configuration injectable everywhere: `@Inject(SERVICE_CONFIG) config: Config`. */
@Global()
@Module({})
export class ServiceConfigModule {
  static forRoot(config: object): DynamicModule {
    return {
      module: ServiceConfigModule,
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      exports: [SERVICE_CONFIG],
    };
  }
}
