import { OnModuleDestroy } from '@nestjs/common';
import { ResiliencePolicy } from '../policy/resilience.policy.js';

/** The app's policies by dependency name; inject it and call `get('inventory-grpc')`. */
export class ResiliencePolicies implements OnModuleDestroy {
  private readonly byName: ReadonlyMap<string, ResiliencePolicy>;

  constructor(policies: Iterable<ResiliencePolicy>) {
    this.byName = new Map([...policies].map((policy) => [policy.name, policy]));
  }

  get(name: string): ResiliencePolicy {
    const policy = this.byName.get(name);
    if (!policy) {
      // A typo in a dependency name should stop the app at start-up, not surface on the first call.
      throw new Error(`No resilience policy named "${name}"; configured: ${[...this.byName.keys()].join(', ') || 'none'}`);
    }
    return policy;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  onModuleDestroy(): void {
    for (const policy of this.byName.values()) policy.dispose();
  }
}
