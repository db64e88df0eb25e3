// NotifyOrderOutcomeHandler alone in a process, so a test can kill it with SIGKILL mid-send, as a crash or
// an OOM kill would. MONGO_URL, USER_GRPC_URL and SMTP_URL say where; ORDER_EVENT is the event, as
// JSON. It prints "handling" when the handling starts and its result when it ends.
import { NotifyOrderOutcomeHandler } from '../application/notify-order-outcome/notify-order-outcome.handler.js';
import type { OrderOutcomeMessage } from '../application/notify-order-outcome/order-outcome.message.js';
import { startNotificationTestApp } from './notification-test-app.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const event = JSON.parse(required('ORDER_EVENT')) as OrderOutcomeMessage;
const service = await startNotificationTestApp({
  mongoUrl: required('MONGO_URL'),
  userGrpcUrl: required('USER_GRPC_URL'),
  environment: { SMTP_URL: required('SMTP_URL') },
});
process.stdout.write('handling\n');
const result = await service.app.get(NotifyOrderOutcomeHandler).handle(event);
process.stdout.write(`${result}\n`);
await service.close();
