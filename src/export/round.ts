/** A number rounded to `digits` decimals for an export; null (and undefined) stay null. */
export function roundOrNull(v: unknown, digits: number): number | null {
  if (v === null || v === undefined) return null;
  const f = 10 ** digits;
  return Math.round(Number(v) * f) / f;
}
