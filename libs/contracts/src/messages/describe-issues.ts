import type { z } from 'zod';

const MAX_ISSUES_SHOWN = 5;

/**
 * One line a person can act on from the dead-letter topic: each issue with its path, e.g.
 * `payload.items[0].quantity: Too small: expected number to be >0`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], pathPrefix: string): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `${formatPath(pathPrefix, issue.path)}: ${issue.message}`);
  const hidden = issues.length - shown.length;
  return hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (formatted, segment) => (typeof segment === 'number' ? `${formatted}[${segment}]` : `${formatted}.${String(segment)}`),
    prefix,
  );
}
