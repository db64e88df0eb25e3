import { z } from 'zod';

// Lives here rather than in libs/bootstrap because the telemetry entry validates its variables
// before Nest loads, and libs/bootstrap (which re-exports this) already depends on this lib.

/**
 * Reads and validates configuration once, at start-up.
 * A missing or malformed variable stops the process with exit code 1 and one line that names it:
 * operators read that line in a container log, so it must not be buried under a stack trace.
 */
export function loadConfig<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  process.stderr.write(`${describeConfigError(result.error, env)}\n`);
  process.exit(1);
}

/** One line naming every variable that is wrong, and why. */
export function describeConfigError(error: z.ZodError, env: NodeJS.ProcessEnv): string {
  const problems = error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    return env[variable] === undefined ? `${variable} is required` : `${variable} ${issue.message}`;
  });
  return `Invalid configuration: ${[...new Set(problems)].join('; ')}`;
}
