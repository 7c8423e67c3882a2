/** How a column's values are shown to analyses and charts. */
export type ValueKind = 'date' | 'timestamp' | 'plain';

function isoTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Turns one engine value into a plain JS value: BigInt and decimals become numbers, dates and timestamps become
 * ISO text (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`), lists become arrays. Both engines route every value through here.
 */
export function normalizeValue(value: unknown, kind: ValueKind): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (kind !== 'plain' && (value instanceof Date || typeof value === 'number')) {
    const d = value instanceof Date ? value : new Date(value);
    return kind === 'date' ? d.toISOString().slice(0, 10) : isoTimestamp(d);
  }
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, 'plain'));
  if (typeof value === 'object' && value !== null && 'toArray' in value && typeof value.toArray === 'function') {
    return Array.from(value.toArray() as ArrayLike<unknown>, (v) => normalizeValue(v, 'plain'));
  }
  if (value instanceof Date) return isoTimestamp(value);
  return value;
}

/** Maps a DuckDB type name (`DATE`, `TIMESTAMP`, `DECIMAL(18,2)`, …) to the kind of value it normalises to. */
export function kindOfDuckDbType(typeName: string): ValueKind {
  const t = typeName.toUpperCase();
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return 'plain';
}
