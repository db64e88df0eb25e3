import { DynamicModule, InjectionToken, Module, ModuleMetadata } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TransientFailureClassifier } from '../failures/transient-failure.js';
import { ResiliencePolicyInput } from '../options/resilience-policy.options.js';
import { ResiliencePolicy } from '../policy/resilience.policy.js';
import { ResiliencePolicies } from './resilience-policies.js';
import { ResilientMethodsExplorer } from './resilient-methods.explorer.js';

export interface ResilienceModuleOptions {
  /** One entry per dependency, keyed by its name; omitted settings take the defaults. */
  policies: Record<string, Omit<ResiliencePolicyInput, 'name'>>;
  /** Replaces `isTransientFailure` for the dependencies named here (e.g. a payment gateway's own error codes). */
  transientFailureClassifiers?: Record<string, TransientFailureClassifier>;
}

export interface ResilienceModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  /** Usually reads the app's validated configuration. */
  useFactory: (...dependencies: never[]) => ResilienceModuleOptions | Promise<ResilienceModuleOptions>;
}

const RESILIENCE_MODULE_OPTIONS = Symbol('RESILIENCE_MODULE_OPTIONS');

/** Global: registered once in the app module, `ResiliencePolicies` and `@Resilient` work everywhere. */
@Module({})
export class ResilienceModule {
  static forRoot(options: ResilienceModuleOptions): DynamicModule {
    return ResilienceModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: ResilienceModuleAsyncOptions): DynamicModule {
    return {
      module: ResilienceModule,
      global: true,
      imports: [...(options.imports ?? []), DiscoveryModule],
      providers: [
        { provide: RESILIENCE_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: ResiliencePolicies, useFactory: createPolicies, inject: [RESILIENCE_MODULE_OPTIONS] },
        ResilientMethodsExplorer,
      ],
      exports: [ResiliencePolicies],
    };
  }
}

function createPolicies(options: ResilienceModuleOptions): ResiliencePolicies {
  const classifiers = options.transientFailureClassifiers ?? {};
  const unknown = Object.keys(classifiers).filter((name) => !(name in options.policies));
  if (unknown.length > 0) throw new Error(`Transient failure classifiers for unconfigured policies: ${unknown.join(', ')}`);
  return new ResiliencePolicies(
    Object.entries(options.policies).map(
      ([name, policyOptions]) => new ResiliencePolicy({ ...policyOptions, name }, { isTransientFailure: classifiers[name] }),
    ),
  );
}
