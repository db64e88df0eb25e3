// Types of topology.mjs, for the TypeScript tests that read it.
export type Datastore = 'postgres' | 'redis' | 'kafka' | 'mongo';
export interface AppDescription {
  name: string;
  httpPort: number;
  grpcPort?: number;
  datastores: Datastore[];
  /** A MongoDB app's own database. */
  mongoDatabase?: string;
}
export declare const host: string;
export declare const defaultPorts: Readonly<Record<string, number>>;
export declare const portVariables: Record<string, number>;
export declare function portVariableFor(portNumber: number): string | undefined;
export declare const infra: {
  postgres: { host: string; port: number; adminUser: string };
  redis: { host: string; port: number };
  kafka: { host: string; port: number; controllerPort: number };
  mongo: { host: string; port: number };
};
export declare const kafkaBrokers: string;
export declare const redisUrl: string;
export declare function mongoUrlOf(database: string): string;
export declare function postgresDatabase(service: string): { database: string; role: string; password: string; url: string };
export declare const apps: AppDescription[];
export declare const postgresApps: AppDescription[];
export declare const appNodeFlags: readonly string[];
export declare function appEnvironment(app: AppDescription): Record<string, string>;
export declare const grpcDependencies: Record<string, string[]>;
export declare function grpcUrlVariableOf(service: string): string;
export declare function jwtKeyFiles(): { privateKey: string; publicKey: string };
