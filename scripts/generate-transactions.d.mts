/** Writes a synthetic transactions CSV of `rows` lines (deterministic for a seed) to `path`; resolves to the rows written. */
export function generateTransactions(path: string | URL, options: { rows: number; seed?: number }): Promise<number>;
