import { commonConfig, grpcUrl, kafkaBrokers, mongoUrl, port } from '@shop/bootstrap';
import { z } from 'zod';

/** Unset and empty are the same: compose files tend to pass `SMTP_URL=` when no relay is wanted. */
const smtpUrl = () =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .refine((value) => URL.canParse(value) && ['smtp:', 'smtps:'].includes(new URL(value).protocol), 'must be a URL like smtp://user:password@host:587 or smtps://host:465')
      .optional(),
  );

/** `Name <address>` or a bare address: what goes into the From header. */
const mailFrom = () =>
  z
    .string()
    .regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address like orders@shop.local or Shop <orders@shop.local>')
    .default('Shop <orders@shop.local>');

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3005),
  GRPC_PORT: port(3055),
  MONGO_URL: mongoUrl(),
  KAFKA_BROKERS: kafkaBrokers(),
  /** user-service, asked for the customer's email address (GetUser). */
  USER_GRPC_URL: grpcUrl(),
  /** Unset: emails are rendered by nodemailer's JSON transport and kept in the `sent_emails` collection. */
  SMTP_URL: smtpUrl(),
  MAIL_FROM: mailFrom(),
});

export type Config = z.infer<typeof configSchema>;
