/** A log-in: the email normalized (it may still be malformed: then no account matches), the password as typed. */
export interface LogInCommand {
  readonly email: string;
  readonly password: string;
}
