/** A failure the tool explains in one line (exit code 1): an unknown topic or address, a busy replayer, an incomplete replay. */
export class DeadLetterToolError extends Error {}
