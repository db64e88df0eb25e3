/** A message field proto3 lets be absent but the RPC always sets: its absence is a server bug (500), not a client error. */
export function requiredField<T>(value: T | null | undefined, rpc: string, field: string): T {
  if (value === null || value === undefined) throw new Error(`${rpc} answered without ${field}`);
  return value;
}
