/** A validated registration: the email normalized, the name trimmed, the password as typed. */
export interface RegisterUserCommand {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}
