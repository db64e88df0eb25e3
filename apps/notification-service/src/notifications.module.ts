import { Module } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { grpcOptionsFor } from '@shop/contracts';
import { MongoConnection } from '@shop/persistence';
import { ResilienceModule } from '@shop/resilience';
import { ListNotificationsQuery } from './application/list-notifications/list-notifications.query.js';
import { NotifyOrderOutcomeHandler } from './application/notify-order-outcome/notify-order-outcome.handler.js';
import { Clock, SystemClock } from './application/ports/clock.js';
import { EmailSender } from './application/ports/email-sender.js';
import { NotificationStore } from './application/ports/notification.store.js';
import { RecipientDirectory } from './application/ports/recipient-directory.js';
import type { Config } from './config.js';
import { SmtpEmailSender } from './infrastructure/mail/smtp.email-sender.js';
import { StoredJsonEmailSender } from './infrastructure/mail/stored-json.email-sender.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { MongoNotificationStore } from './infrastructure/mongo-notification.store.js';
import { USER_GRPC_CLIENT, USER_GRPC_POLICY, UserServiceRecipientDirectory } from './infrastructure/user-service.recipient-directory.js';
import { NotificationGrpcController } from './interface/grpc/notification.grpc-controller.js';

const userServiceClient = ClientsModule.registerAsync([
  {
    name: USER_GRPC_CLIENT,
    useFactory: (config: Config) => ({ transport: Transport.GRPC, options: grpcOptionsFor('user', config.USER_GRPC_URL) }),
    inject: [SERVICE_CONFIG],
  },
]);

// One policy per dependency; the defaults (5 s deadline, 3 attempts, breaker after 5 failures) fit a read.
const resilience = ResilienceModule.forRoot({ policies: { [USER_GRPC_POLICY]: {} } });

/** SMTP when a relay is configured, otherwise rendered JSON kept in `sent_emails`. */
function emailSenderFor(config: Config, mongo: MongoConnection): EmailSender {
  return config.SMTP_URL ? new SmtpEmailSender(config.SMTP_URL, config.MAIL_FROM) : new StoredJsonEmailSender(mongo, config.MAIL_FROM);
}

/**
 * Everything the service does, without the Kafka consumer that feeds it (app.module.ts adds that):
 * the use cases, their adapters, and the gRPC API. Integration tests compose this module directly.
 */
@Module({
  imports: [DatabaseModule, userServiceClient, resilience],
  controllers: [NotificationGrpcController],
  providers: [
    NotifyOrderOutcomeHandler,
    ListNotificationsQuery,
    { provide: Clock, useClass: SystemClock },
    { provide: NotificationStore, useClass: MongoNotificationStore },
    { provide: RecipientDirectory, useClass: UserServiceRecipientDirectory },
    { provide: EmailSender, useFactory: emailSenderFor, inject: [SERVICE_CONFIG, MongoConnection] },
  ],
  exports: [NotifyOrderOutcomeHandler, ListNotificationsQuery, DatabaseModule],
})
export class NotificationsModule {}
