// Application views to the generated gRPC types.
import { orderV1 } from '@shop/contracts';
import type { OrderView } from '../../application/ports/order.store.js';
import type { OrderStatus } from '../../domain/order/order-status.js';
import type { SagaStepStatus } from '../../domain/saga/saga-state.js';

const ORDER_STATUS_ON_THE_WIRE: Record<OrderStatus, orderV1.OrderStatus> = {
  PENDING: orderV1.OrderStatus.ORDER_STATUS_PENDING,
  CONFIRMED: orderV1.OrderStatus.ORDER_STATUS_CONFIRMED,
  REJECTED: orderV1.OrderStatus.ORDER_STATUS_REJECTED,
  CANCELLED: orderV1.OrderStatus.ORDER_STATUS_CANCELLED,
};

const STEP_STATUS_ON_THE_WIRE: Record<SagaStepStatus, orderV1.SagaStepStatus> = {
  STARTED: orderV1.SagaStepStatus.SAGA_STEP_STATUS_STARTED,
  SUCCEEDED: orderV1.SagaStepStatus.SAGA_STEP_STATUS_SUCCEEDED,
  FAILED: orderV1.SagaStepStatus.SAGA_STEP_STATUS_FAILED,
  COMPENSATED: orderV1.SagaStepStatus.SAGA_STEP_STATUS_COMPENSATED,
};

export function toOrderStatusMessage(status: OrderStatus): orderV1.OrderStatus {
  return ORDER_STATUS_ON_THE_WIRE[status];
}

export function toOrderMessage(order: OrderView): orderV1.Order {
  return {
    orderId: order.orderId,
    userId: order.userId,
    status: toOrderStatusMessage(order.status),
    items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
    totalCents: order.totalCents,
    currency: order.currency,
    failureReason: order.failureReason ?? '',
    saga: order.saga.map((entry) => ({ step: entry.step, status: STEP_STATUS_ON_THE_WIRE[entry.status], at: entry.at.toISOString() })),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
