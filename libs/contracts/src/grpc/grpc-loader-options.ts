import type { Options } from '@grpc/proto-loader';

/**
 * How NestJS's gRPC transport (through @grpc/proto-loader) must decode messages so that they match
 * the generated TypeScript types: camelCase fields, int64 as number (ts-proto forceLong=number),
 * enums as their names (stringEnums=true), and absent fields filled with their defaults ("" , 0,
 * []) because the generated fields are not optional. Change them only together with buf.gen.yaml.
 */
export const grpcLoaderOptions = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: true,
} as const satisfies Options;
