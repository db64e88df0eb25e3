import { Body, Controller, HttpCode, HttpStatus, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ZodResponse } from 'nestjs-zod';
import { LogInHandler } from '../../../application/log-in/log-in.handler.js';
import { LogOutHandler } from '../../../application/log-out/log-out.handler.js';
import { RegisterUserHandler } from '../../../application/register-user/register-user.handler.js';
import { ApiErrorResponses } from '../errors/api-error-responses.js';
import { AccessTokenGuard } from '../guards/access-token.guard.js';
import { type AuthenticatedUser, CurrentUser } from '../guards/authenticated-request.js';
import { AccessTokenDto, LoginRequestDto, RegisterRequestDto, RegisteredUserDto } from './auth.dto.js';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
@ApiErrorResponses(429, 503, 504)
export class AuthController {
  constructor(
    private readonly registerUser: RegisterUserHandler,
    private readonly logIn: LogInHandler,
    private readonly logOut: LogOutHandler,
  ) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account' })
  @ZodResponse({ status: HttpStatus.CREATED, type: RegisteredUserDto })
  @ApiErrorResponses(400, 409)
  async register(@Body() body: RegisterRequestDto) {
    const user = await this.registerUser.execute({ email: body.email, password: body.password, name: body.name });
    return { id: user.id, email: user.email, name: user.name };
  }

  @Post('login')
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ZodResponse({ status: HttpStatus.OK, type: AccessTokenDto })
  @ApiErrorResponses(401)
  async login(@Body() body: LoginRequestDto) {
    // A missing or malformed credential is a failed log-in like any other (see loginRequestSchema).
    if (!body.email || !body.password) throw new UnauthorizedException('the email or the password is wrong');
    const token = await this.logIn.execute({ email: body.email, password: body.password });
    return { accessToken: token.accessToken, tokenType: 'Bearer' as const, expiresIn: token.expiresInSeconds };
  }

  @Post('logout')
  @UseGuards(AccessTokenGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the access token of this request' })
  @ApiNoContentResponse({ description: 'The token is revoked until it would have expired' })
  @ApiErrorResponses(401)
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.logOut.execute(user.accessToken);
  }
}
