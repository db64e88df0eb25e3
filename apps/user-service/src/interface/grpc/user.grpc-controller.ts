import { Controller, UseInterceptors } from '@nestjs/common';
import { userV1 } from '@shop/contracts';
import { parseRequest } from '@shop/errors';
import { GrpcErrorsInterceptor } from '@shop/errors/grpc';
import { getUserQuery } from '../../application/get-user/get-user.query.js';
import { GetUserService } from '../../application/get-user/get-user.service.js';
import { logInCommand } from '../../application/log-in/log-in.command.js';
import { LogInService } from '../../application/log-in/log-in.service.js';
import { registerUserCommand } from '../../application/register-user/register-user.command.js';
import { RegisterUserService } from '../../application/register-user/register-user.service.js';
import { revokeTokenCommand } from '../../application/revoke-token/revoke-token.command.js';
import { RevokeTokenService } from '../../application/revoke-token/revoke-token.service.js';
import { isDependencyOutage } from '../../infrastructure/dependency-outage.js';
import { toGrpcUser } from './user.grpc-mapper.js';

/** shop.user.v1.UserService: each RPC validates its request, runs one use case and maps the result. */
@Controller()
// An unreachable database or Redis is UNAVAILABLE, which callers' resilience policies retry; any other failure is a bug, INTERNAL.
@UseInterceptors(new GrpcErrorsInterceptor({ service: 'USER', isOutage: isDependencyOutage }))
@userV1.UserServiceControllerMethods()
export class UserGrpcController implements userV1.UserServiceController {
  constructor(
    private readonly registerUser: RegisterUserService,
    private readonly logIn: LogInService,
    private readonly revokeAccessToken: RevokeTokenService,
    private readonly findUser: GetUserService,
  ) {}

  async register(request: userV1.RegisterRequest): Promise<userV1.RegisterResponse> {
    const user = await this.registerUser.execute(parseRequest(registerUserCommand, request));
    return { user: toGrpcUser(user) };
  }

  async login(request: userV1.LoginRequest): Promise<userV1.LoginResponse> {
    const issued = await this.logIn.execute(parseRequest(logInCommand, request));
    return { accessToken: issued.token, tokenType: 'Bearer', expiresInSeconds: issued.expiresInSeconds };
  }

  async revokeToken(request: userV1.RevokeTokenRequest): Promise<userV1.RevokeTokenResponse> {
    await this.revokeAccessToken.execute(parseRequest(revokeTokenCommand, request));
    return {};
  }

  async getUser(request: userV1.GetUserRequest): Promise<userV1.GetUserResponse> {
    const user = await this.findUser.execute(parseRequest(getUserQuery, request));
    return { user: toGrpcUser(user) };
  }
}
