import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notificationV1, orderV1 } from '@shop/contracts';
import {
  ORDER_STATUSES,
  UnmappedProtoEnumError,
  notificationChannelName,
  notificationStatusName,
  notificationTypeName,
  orderStatusName,
  sagaStepStatusName,
} from './proto-enums.js';

const { OrderStatus, SagaStepStatus } = orderV1;
const { NotificationType, NotificationChannel, NotificationStatus } = notificationV1;

describe('naming proto enum values for the REST API', () => {
  it('names order statuses without their prefix', () => {
    assert.deepEqual(
      [OrderStatus.ORDER_STATUS_PENDING, OrderStatus.ORDER_STATUS_CONFIRMED, OrderStatus.ORDER_STATUS_REJECTED, OrderStatus.ORDER_STATUS_CANCELLED].map(orderStatusName),
      [...ORDER_STATUSES],
    );
  });

  it('names saga step statuses', () => {
    assert.deepEqual(
      [
        SagaStepStatus.SAGA_STEP_STATUS_STARTED,
        SagaStepStatus.SAGA_STEP_STATUS_SUCCEEDED,
        SagaStepStatus.SAGA_STEP_STATUS_FAILED,
        SagaStepStatus.SAGA_STEP_STATUS_COMPENSATED,
      ].map(sagaStepStatusName),
      ['STARTED', 'SUCCEEDED', 'FAILED', 'COMPENSATED'],
    );
  });

  it('names notification types, channels and statuses', () => {
    assert.deepEqual(
      [NotificationType.NOTIFICATION_TYPE_ORDER_CONFIRMED, NotificationType.NOTIFICATION_TYPE_ORDER_REJECTED, NotificationType.NOTIFICATION_TYPE_ORDER_CANCELLED].map(
        notificationTypeName,
      ),
      ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'],
    );
    assert.equal(notificationChannelName(NotificationChannel.NOTIFICATION_CHANNEL_EMAIL), 'EMAIL');
    assert.deepEqual(
      [NotificationStatus.NOTIFICATION_STATUS_PENDING, NotificationStatus.NOTIFICATION_STATUS_SENT, NotificationStatus.NOTIFICATION_STATUS_FAILED].map(notificationStatusName),
      ['PENDING', 'SENT', 'FAILED'],
    );
  });

  it('refuses UNSPECIFIED and values it does not know, rather than inventing a name', () => {
    assert.throws(() => orderStatusName(OrderStatus.ORDER_STATUS_UNSPECIFIED), UnmappedProtoEnumError);
    assert.throws(() => orderStatusName(OrderStatus.UNRECOGNIZED), UnmappedProtoEnumError);
    assert.throws(() => notificationStatusName('NOTIFICATION_STATUS_BOUNCED' as notificationV1.NotificationStatus), /NotificationStatus value NOTIFICATION_STATUS_BOUNCED/);
  });
});
