import { Controller, UseInterceptors } from '@nestjs/common';
import { userV1 } from '@shop/contracts';
import { parseRequest } from '@shop/errors';
import { GrpcErrorsInterceptor } from '@shop/errors/grpc';
import { GetUserQuery } from '../../application/get-user/get-user.query.js';
import { LogInHandler } from '../../application/log-in/log-in.handler.js';
import { RegisterUserHandler } from '../../application/register-user/register-user.handler.js';
import { RevokeTokenHandler } from '../../application/revoke-token/revoke-token.handler.js';
import { isDependencyOutage } from '../../infrastructure/dependency-outage.js';
import { toGrpcUser } from './user.grpc-mapper.js';
import { getUserRequestSchema, logInRequestSchema, registerUserRequestSchema, revokeTokenRequestSchema } from './user-requests.js';

/** shop.user.v1.UserService: each RPC validates its request, runs one use case and maps the result. */
@Controller()
// An unreachable database or Redis is UNAVAILABLE, which callers' resilience policies retry; any other failure is a bug, INTERNAL.
@UseInterceptors(new GrpcErrorsInterceptor({ service: 'USER', isOutage: isDependencyOutage }))
@userV1.UserServiceControllerMethods()
export class UserGrpcController implements userV1.UserServiceController {
  constructor(
    private readonly registerUser: RegisterUserHandler,
    private readonly logIn: LogInHandler,
    private readonly revokeAccessToken: RevokeTokenHandler,
    private readonly findUser: GetUserQuery,
  ) {}

  async register(request: userV1.RegisterRequest): Promise<userV1.RegisterResponse> {
    const user = await this.registerUser.execute(parseRequest(registerUserRequestSchema, request));
    return { user: toGrpcUser(user) };
  }

  async login(request: userV1.LoginRequest): Promise<userV1.LoginResponse> {
    const issued = await this.logIn.execute(parseRequest(logInRequestSchema, request));
    return { accessToken: issued.token, tokenType: 'Bearer', expiresInSeconds: issued.expiresInSeconds };
  }

  async revokeToken(request: userV1.RevokeTokenRequest): Promise<userV1.RevokeTokenResponse> {
    await this.revokeAccessToken.execute(parseRequest(revokeTokenRequestSchema, request));
    return {};
  }

  async getUser(request: userV1.GetUserRequest): Promise<userV1.GetUserResponse> {
    const { userId } = parseRequest(getUserRequestSchema, request);
    const user = await this.findUser.execute(userId);
    return { user: toGrpcUser(user) };
  }
}
