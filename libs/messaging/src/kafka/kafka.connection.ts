import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessProbe } from '@shop/observability';
import { Admin, Kafka, logLevel } from 'kafkajs';

export interface KafkaConnectionOptions {
  clientId: string;
  brokers: string[];
}

/** The app's one kafkajs client; producers and consumers are made from `kafka`. */
@Injectable()
export class KafkaConnection implements ReadinessProbe, OnApplicationShutdown {
  readonly dependency = 'kafka';
  readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(options: KafkaConnectionOptions) {
    this.kafka = new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: logLevel.WARN });
  }

  async ping(): Promise<void> {
    try {
      this.admin ??= await this.connectAdmin();
      await this.admin.describeCluster();
    } catch (error) {
      // A broken admin connection is dropped so the next probe starts afresh.
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
      throw error;
    }
  }

  // Connections close in the last shutdown phase, after consumers and relays (which stop in
  // onModuleDestroy) and in-flight HTTP requests have finished with them.
  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }

  private async connectAdmin(): Promise<Admin> {
    // No retries: a readiness probe wants the current answer, and the next probe comes soon.
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await admin.connect();
    return admin;
  }
}
