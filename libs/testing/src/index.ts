export { eventually, type EventuallyOptions, type NotYet } from './eventually';
export { freePort } from './free-port';
export { createMigratedDatabase, type MigratedDatabase, type MigratedDatabaseOptions } from './migrated-database';
export { REPOSITORY_ROOT, stackTopology, type StackTopology } from './stack-topology';
