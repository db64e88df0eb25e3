import { CodedError, defineErrors } from '@shop/errors';

/** What the user service refuses, and the kind of each (which @shop/errors maps to a gRPC status). */
export const USER_ERRORS = defineErrors({
  'USER.EMAIL_TAKEN': 'ALREADY_EXISTS',
  'USER.INVALID_CREDENTIALS': 'UNAUTHENTICATED',
  'USER.INVALID_TOKEN': 'UNAUTHENTICATED',
  'USER.NOT_FOUND': 'NOT_FOUND',
});
export type UserErrorCode = keyof typeof USER_ERRORS;

/** An expected refusal, as a value; its message is safe to show to a client. */
export class UserError extends CodedError<UserErrorCode> {
  private constructor(code: UserErrorCode, message: string) {
    super(code, USER_ERRORS[code], message);
  }

  static emailTaken(): UserError {
    return new UserError('USER.EMAIL_TAKEN', 'an account with this email already exists');
  }

  /** One answer for an unknown email and a wrong password, so the answer does not reveal which accounts exist. */
  static invalidCredentials(): UserError {
    return new UserError('USER.INVALID_CREDENTIALS', 'the email or the password is wrong');
  }

  static invalidToken(): UserError {
    return new UserError('USER.INVALID_TOKEN', 'the access token is not one this service issued, or it is malformed');
  }

  static notFound(userId: string): UserError {
    return new UserError('USER.NOT_FOUND', `no user has the id ${userId}`);
  }
}
