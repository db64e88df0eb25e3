export { eventually, type EventuallyOptions, type NotYet } from './eventually.js';
export { freePort } from './free-port.js';
export { createMigratedDatabase, type MigratedDatabase, type MigratedDatabaseOptions } from './migrated-database.js';
export { REPOSITORY_ROOT, stackTopology, type StackTopology } from './stack-topology.js';
