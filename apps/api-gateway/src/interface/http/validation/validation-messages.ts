/**
 * zod's `error` option for a field: "is required" when it is absent, else `message` (a wrong type,
 * a malformed value). zod's own wording ("Invalid input: expected string, received undefined")
 * is written for developers, not API clients.
 */
export function fieldError(message: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) };
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** One line naming each invalid field: `items.0.quantity: must be between 1 and 1000; paymentToken: is required`. */
export function describeValidationIssues(error: unknown): string {
  const issues = (error as { issues?: IssueLike[] } | null)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return 'the request is invalid';
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join('; ');
}
