import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ZodResponse } from 'nestjs-zod';
import { z } from 'zod';
import { GatewayError } from '../../../application/gateway-error.js';
import { GetOrderQuery } from '../../../application/get-order/get-order.query.js';
import { ListOrdersQuery } from '../../../application/list-orders/list-orders.query.js';
import { PlaceOrderHandler } from '../../../application/place-order/place-order.handler.js';
import { ApiErrorResponses } from '../errors/api-error-responses.js';
import { AccessTokenGuard } from '../guards/access-token.guard.js';
import { type AuthenticatedUser, CurrentUser } from '../guards/authenticated-request.js';
import { IdempotencyKey } from './idempotency-key.header.js';
import { ListOrdersQueryDto } from './list-orders.query.js';
import { nextPageHeaders } from './next-page.headers.js';
import { OrderDto } from './order.dto.js';
import { toOrderView } from './order.presenter.js';
import { PlaceOrderRequestDto, PlacedOrderDto } from './place-order.dto.js';

// Order ids are UUIDs: anything else cannot name an order, whoever asks.
const orderIdSchema = z.guid();

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
@UseGuards(ThrottlerGuard, AccessTokenGuard)
@ApiErrorResponses(401, 429, 503, 504)
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderHandler,
    private readonly getOrder: GetOrderQuery,
    private readonly listOrders: ListOrdersQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Place an order', description: 'Answers at once with a PENDING order; the saga then confirms, rejects or cancels it.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key and body returns the same order; another body with the key is a 409. Kept 24 h.' })
  @ZodResponse({ status: HttpStatus.ACCEPTED, type: PlacedOrderDto })
  @ApiErrorResponses(400, 409)
  async place(@CurrentUser() user: AuthenticatedUser, @Body() body: PlaceOrderRequestDto, @IdempotencyKey() idempotencyKey: string | null) {
    const { orderId } = await this.placeOrder.execute({ userId: user.id, items: body.items, paymentToken: body.paymentToken, idempotencyKey });
    return { orderId, status: 'PENDING' as const };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your orders, with its saga timeline' })
  @ZodResponse({ status: HttpStatus.OK, type: OrderDto })
  @ApiErrorResponses(404)
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    if (!orderIdSchema.safeParse(id).success) throw new GatewayError('ORDER.NOT_FOUND', 'ORDER.NOT_FOUND');
    return toOrderView(await this.getOrder.execute(id, user.id));
  }

  @Get()
  @ApiOperation({ summary: 'Your orders, newest first', description: 'The next page, if any, is announced by the `Link` (rel="next") and `X-Next-Cursor` headers.' })
  @ZodResponse({ status: HttpStatus.OK, type: [OrderDto] })
  @ApiErrorResponses(400)
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListOrdersQueryDto,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ) {
    const page = await this.listOrders.execute(user.id, query.limit, query.cursor ?? '');
    for (const [name, value] of Object.entries(nextPageHeaders(query.limit, page.nextPageToken))) response.setHeader(name, value);
    return page.orders.map(toOrderView);
  }
}
