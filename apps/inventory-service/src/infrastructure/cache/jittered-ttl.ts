/**
 * `baseMs` moved at random by up to ±`ratio` of itself, in whole milliseconds. Keys written
 * together (a cold start, a deployment) then expire spread out instead of all at once, which
 * would send every request to the database in the same second (cache avalanche).
 */
export function jitteredTtlMs(baseMs: number, ratio: number, random: () => number = Math.random): number {
  if (!(ratio >= 0 && ratio < 1)) throw new RangeError(`jitter ratio must be in [0, 1), got ${ratio}`);
  return Math.max(1, Math.round(baseMs * (1 - ratio + 2 * ratio * random())));
}
