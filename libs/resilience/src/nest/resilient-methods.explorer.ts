import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ResiliencePolicies } from './resilience-policies.js';
import { RESILIENT_METADATA, ResilientMetadata } from './resilient.decorator.js';

type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

/** Finds the `@Resilient` methods of singleton providers and puts their policy around them. */
@Injectable()
export class ResilientMethodsExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly policies: ResiliencePolicies,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const prototype: object = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const metadata = this.reflector.get<ResilientMetadata | undefined>(RESILIENT_METADATA, method);
        if (metadata) this.wrap(instance as Record<string, unknown>, methodName, method as AsyncMethod, metadata);
      }
    }
  }

  private wrap(instance: Record<string, unknown>, methodName: string, method: AsyncMethod, metadata: ResilientMetadata): void {
    const where = `${instance.constructor.name}.${methodName}`;
    // Function.length counts the declared parameters (up to the first one with a default value).
    const signalPosition = method.length - 1;
    if (signalPosition < 0) throw new Error(`@Resilient ${where} must declare an AbortSignal as its last parameter`);
    const policy = this.policies.get(metadata.policy);
    instance[methodName] = (...args: unknown[]) =>
      policy.execute(async (signal) => {
        const declaredArguments = Array.from({ length: signalPosition }, (_unused, index) => args[index]);
        return method.apply(instance, [...declaredArguments, signal]);
      }, metadata.call);
  }
}
