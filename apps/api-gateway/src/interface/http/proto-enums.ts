import { notificationV1, orderV1 } from '@shop/contracts';

// The REST API names states without the proto prefixes. These tables are the only place where a
// proto enum becomes a REST string; the response schemas take their allowed values from here.

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export const SAGA_STEP_STATUSES = ['STARTED', 'SUCCEEDED', 'FAILED', 'COMPENSATED'] as const;
export const NOTIFICATION_TYPES = ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'] as const;
export const NOTIFICATION_CHANNELS = ['EMAIL'] as const;
export const NOTIFICATION_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;

/** A proto enum value with no REST name (UNSPECIFIED, or a value newer than this gateway): a server-side bug, a 500. */
export class UnmappedProtoEnumError extends Error {
  override readonly name = 'UnmappedProtoEnumError';

  constructor(enumName: string, value: unknown) {
    super(`${enumName} value ${String(value)} has no REST name`);
  }
}

function enumMapper<Proto extends string, Rest extends string>(enumName: string, table: Partial<Record<Proto, Rest>>) {
  return (value: Proto): Rest => {
    const name = table[value];
    if (name === undefined) throw new UnmappedProtoEnumError(enumName, value);
    return name;
  };
}

export const orderStatusName = enumMapper<orderV1.OrderStatus, (typeof ORDER_STATUSES)[number]>('OrderStatus', {
  [orderV1.OrderStatus.ORDER_STATUS_PENDING]: 'PENDING',
  [orderV1.OrderStatus.ORDER_STATUS_CONFIRMED]: 'CONFIRMED',
  [orderV1.OrderStatus.ORDER_STATUS_REJECTED]: 'REJECTED',
  [orderV1.OrderStatus.ORDER_STATUS_CANCELLED]: 'CANCELLED',
});

export const sagaStepStatusName = enumMapper<orderV1.SagaStepStatus, (typeof SAGA_STEP_STATUSES)[number]>('SagaStepStatus', {
  [orderV1.SagaStepStatus.SAGA_STEP_STATUS_STARTED]: 'STARTED',
  [orderV1.SagaStepStatus.SAGA_STEP_STATUS_SUCCEEDED]: 'SUCCEEDED',
  [orderV1.SagaStepStatus.SAGA_STEP_STATUS_FAILED]: 'FAILED',
  [orderV1.SagaStepStatus.SAGA_STEP_STATUS_COMPENSATED]: 'COMPENSATED',
});

export const notificationTypeName = enumMapper<notificationV1.NotificationType, (typeof NOTIFICATION_TYPES)[number]>('NotificationType', {
  [notificationV1.NotificationType.NOTIFICATION_TYPE_ORDER_CONFIRMED]: 'ORDER_CONFIRMED',
  [notificationV1.NotificationType.NOTIFICATION_TYPE_ORDER_REJECTED]: 'ORDER_REJECTED',
  [notificationV1.NotificationType.NOTIFICATION_TYPE_ORDER_CANCELLED]: 'ORDER_CANCELLED',
});

export const notificationChannelName = enumMapper<notificationV1.NotificationChannel, (typeof NOTIFICATION_CHANNELS)[number]>('NotificationChannel', {
  [notificationV1.NotificationChannel.NOTIFICATION_CHANNEL_EMAIL]: 'EMAIL',
});

export const notificationStatusName = enumMapper<notificationV1.NotificationStatus, (typeof NOTIFICATION_STATUSES)[number]>('NotificationStatus', {
  [notificationV1.NotificationStatus.NOTIFICATION_STATUS_PENDING]: 'PENDING',
  [notificationV1.NotificationStatus.NOTIFICATION_STATUS_SENT]: 'SENT',
  [notificationV1.NotificationStatus.NOTIFICATION_STATUS_FAILED]: 'FAILED',
});
