// Plain grpc-js clients of the shop's .proto files, as another service (or grpcurl) would call them.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { GRPC_SERVICES, grpcLoaderOptions, PROTO_ROOT, type GrpcServiceKey } from '@shop/contracts';

/** The grpc-js service definition of one of the shop's APIs, loaded from its .proto file. */
export function serviceDefinition(service: GrpcServiceKey): grpc.ServiceClientConstructor {
  const contract = GRPC_SERVICES[service];
  const packageDefinition = protoLoader.loadSync(contract.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  let node: unknown = grpc.loadPackageDefinition(packageDefinition);
  for (const part of [...contract.packageName.split('.'), contract.serviceName]) node = (node as Record<string, unknown>)[part];
  return node as grpc.ServiceClientConstructor;
}

/** Calls one unary method and resolves with its answer, or rejects with the grpc-js ServiceError. */
export function callUnary<Response>(client: grpc.Client, method: string, request: object): Promise<Response> {
  return new Promise((resolve, reject) => {
    const invoke = (client as unknown as Record<string, (request: object, callback: grpc.requestCallback<Response>) => void>)[method];
    if (!invoke) return reject(new Error(`no method ${method} on this client`));
    invoke.call(client, request, (error, response) => (error ? reject(error) : resolve(response as Response)));
  });
}
