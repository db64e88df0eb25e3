import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/** The caller, as proven by a valid, unrevoked access token. */
export interface AuthenticatedUser {
  id: string;
  /** The token itself, for log-out. */
  accessToken: string;
}

export type AuthenticatedRequest = IncomingMessage & { user?: AuthenticatedUser };

/** The user AccessTokenGuard let through; use only on routes that guard runs on. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without AccessTokenGuard');
  return user;
});
