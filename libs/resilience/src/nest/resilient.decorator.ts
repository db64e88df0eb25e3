import { SetMetadata } from '@nestjs/common';
import type { CallKind } from '../policy/call-options.js';

export const RESILIENT_METADATA = 'shop:resilience:resilient';

export interface ResilientMetadata {
  policy: string;
  call: CallKind;
}

/**
 * Runs every call of the method through the named policy. The method declares an `AbortSignal`
 * as its last parameter and passes it to the underlying call; callers leave it out:
 *
 *   @Resilient('inventory-grpc', { operation: 'read' })
 *   getProducts(ids: string[], signal?: AbortSignal): Promise<Product[]> { ... }
 *
 * Works on singleton providers (ResilienceModule wraps them at start-up); elsewhere, inject
 * `ResiliencePolicies` and call `execute` directly.
 */
export function Resilient(policy: string, call: CallKind): MethodDecorator {
  return SetMetadata<string, ResilientMetadata>(RESILIENT_METADATA, { policy, call });
}
