import { z } from 'zod';
import { emailField, nameField, passwordField } from '../../domain/user.fields.js';

export const registerUserCommand = z.object({ email: emailField, password: passwordField, name: nameField });

export type RegisterUserCommand = z.infer<typeof registerUserCommand>;
