export { KafkaConnection, KafkaConnectionOptions } from './kafka.connection';
export { KafkaModule, KafkaModuleOptions } from './kafka.module';
