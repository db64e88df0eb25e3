import { Controller, Get, HttpStatus, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ZodResponse } from 'nestjs-zod';
import { ListNotificationsQuery } from '../../../application/list-notifications/list-notifications.query.js';
import { ApiErrorResponses } from '../errors/api-error-responses.js';
import { AccessTokenGuard } from '../guards/access-token.guard.js';
import { type AuthenticatedUser, CurrentUser } from '../guards/authenticated-request.js';
import { NotificationDto } from './notification.dto.js';
import { toNotificationView } from './notification.presenter.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
@UseGuards(ThrottlerGuard, AccessTokenGuard)
@ApiErrorResponses(401, 429, 503, 504)
export class NotificationsController {
  constructor(private readonly listNotifications: ListNotificationsQuery) {}

  @Get()
  @ApiOperation({ summary: 'What you were told about your orders, newest first' })
  @ZodResponse({ status: HttpStatus.OK, type: [NotificationDto] })
  async list(@CurrentUser() user: AuthenticatedUser) {
    return (await this.listNotifications.execute(user.id)).map(toNotificationView);
  }
}
