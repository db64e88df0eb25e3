// A gRPC client of any running app, for end-to-end tests that check what the gateway does not show.
// It loads the .proto files at run time with the loader options the apps' own transport uses, so
// answers decode exactly as the services see them, and it needs no Nest module around it.
import { credentials, loadPackageDefinition, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, PROTO_ROOT, grpcLoaderOptions, type GrpcServiceKey } from '@shop/contracts';
import { runningApp } from './running-app.js';

export interface GrpcClient {
  /**
   * Calls the unary `method` (named as in the generated types, e.g. `getProducts`) and resolves with
   * its answer; rejects with grpc-js's error, whose `code` is the gRPC status (5 for NOT_FOUND).
   */
  call<T>(method: string, request: object): Promise<T>;
  /** Closes the channel; a test file that opens many clients closes them in its `after`. */
  close(): void;
}

type UnaryMethod = (request: object, callback: (error: Error | null, response: unknown) => void) => void;

/** A client of `service` (a key of GRPC_SERVICES) on the app the topology names `appName`. */
export async function grpcClientOf(service: GrpcServiceKey, appName: string): Promise<GrpcClient> {
  const { host, app } = await runningApp(appName);
  if (app.grpcPort === undefined) throw new Error(`${appName} serves no gRPC in the topology`);
  const contract = GRPC_SERVICES[service];
  const Service = serviceConstructorOf(service);
  const client = new Service(`${host}:${app.grpcPort}`, credentials.createInsecure());
  // grpc-js names each method twice (proto name and lowerCamelCase); either is accepted, but a typo
  // or a streaming method is refused with the list of what exists rather than a TypeError.
  const unary = Object.entries(Service.service).filter(([, method]) => !method.requestStream && !method.responseStream);
  const unaryNames = new Set(unary.flatMap(([name, method]) => [name, ...(method.originalName ? [method.originalName] : [])]));
  return {
    call<T>(method: string, request: object): Promise<T> {
      if (!unaryNames.has(method)) {
        const known = unary.map(([name, definition]) => definition.originalName ?? name).join(', ');
        return Promise.reject(new Error(`${contract.serviceName} has no unary method "${method}" (it has ${known})`));
      }
      const send = (client as unknown as Record<string, UnaryMethod>)[method]!;
      return new Promise((resolve, reject) => send.call(client, request, (error, response) => (error ? reject(error) : resolve(response as T))));
    },
    close: () => client.close(),
  };
}

/** grpc-js's client class of `service`, whose `service` property is also what a server implements. */
export function serviceConstructorOf(service: GrpcServiceKey): ServiceClientConstructor {
  const contract = GRPC_SERVICES[service];
  const definition = loadSync(contract.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  let node: unknown = loadPackageDefinition(definition);
  for (const part of `${contract.packageName}.${contract.serviceName}`.split('.')) node = (node as Record<string, unknown>)[part];
  return node as ServiceClientConstructor;
}
