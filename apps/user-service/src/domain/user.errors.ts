/**
 * The stable codes of the user service's refusals. They cross process boundaries (gRPC trailers,
 * gateway responses, logs), so they are strings that never change meaning, not classes.
 */
export type UserErrorCode = 'USER.EMAIL_TAKEN' | 'USER.INVALID_CREDENTIALS' | 'USER.INVALID_TOKEN' | 'USER.NOT_FOUND' | 'USER.INVALID_INPUT';

/** An expected refusal, as a value: the gRPC interface maps `code` to a status in one place. */
export class UserError extends Error {
  override readonly name = 'UserError';

  private constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
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

  /** `problems` names each field and what is wrong with it, e.g. `password: must be at least 8 characters`. */
  static invalidInput(problems: string): UserError {
    return new UserError('USER.INVALID_INPUT', problems);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
