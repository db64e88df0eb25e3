import type { Observable } from 'rxjs';
import type { CallOptions } from '../policy/call-options.js';
import type { ResiliencePolicy } from '../policy/resilience.policy.js';

/**
 * Runs one call of a NestJS gRPC client (`ClientGrpc.getService()` methods return an Observable)
 * through a policy. When the policy gives up on an attempt (its timeout, the deadline, the caller's
 * signal), the subscription is dropped, which makes grpc-js cancel the call on the server too.
 *
 *   const user = await callGrpc(policy, { operation: 'read' }, () => users.getUser({ userId }));
 */
export function callGrpc<T>(policy: ResiliencePolicy, call: CallOptions, invoke: () => Observable<T>): Promise<T> {
  return policy.execute((signal) => lastValueUntilAbort(invoke, signal), call);
}

function lastValueUntilAbort<T>(invoke: () => Observable<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let last: { value: T } | undefined;
    const subscription = invoke().subscribe({
      next: (value) => (last = { value }),
      error: (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
      complete: () => {
        signal.removeEventListener('abort', abort);
        if (last) resolve(last.value);
        else reject(new Error('the gRPC call completed without a response'));
      },
    });
    function abort() {
      subscription.unsubscribe();
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
  });
}
