import { readFileSync } from 'node:fs';
import { z } from 'zod';

// Lives here rather than in libs/bootstrap because the telemetry entry validates its variables
// before Nest loads, and libs/bootstrap (which re-exports this) already depends on this lib.

/**
 * Reads and validates configuration once, at start-up.
 * A missing or malformed variable stops the process with exit code 1 and one line that names it:
 * operators read that line in a container log, so it must not be buried under a stack trace.
 */
export function loadConfig<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const resolved = resolveFileVariables(env, schema instanceof z.ZodObject ? Object.keys(schema.shape) : []);
  if (typeof resolved === 'string') {
    process.stderr.write(`Invalid configuration: ${resolved}\n`);
    process.exit(1);
  }
  const result = schema.safeParse(resolved);
  if (result.success) return result.data;
  process.stderr.write(`${describeConfigError(result.error, resolved)}\n`);
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

/**
 * The Docker secrets convention (as in the official postgres image): `X_FILE=/run/secrets/x` sets
 * `X` to the file's contents, unless `X` itself is set, for the variables `X` of the app's schema
 * only (the environment has other `*_FILE` variables that are none of the app's business).
 * Returns the problem as text when a file cannot be read, so loadConfig reports it in its one line.
 */
export function resolveFileVariables(env: NodeJS.ProcessEnv, names: readonly string[]): NodeJS.ProcessEnv | string {
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const target of names) {
    const name = `${target}_FILE`;
    const path = env[name];
    if (path === undefined || resolved[target] !== undefined) continue;
    try {
      resolved[target] = readFileSync(path, 'utf8').trim();
    } catch (error) {
      return `${name} names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}: ${path})`;
    }
  }
  return resolved;
}
