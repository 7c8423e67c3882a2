/**
 * A small table already in memory (a chart's data) as CSV text: header from the rows' keys in first-seen order,
 * RFC 4180 quoting, null and undefined as empty cells, and text made formula-safe with the rule of `csvSafe`
 * (a leading `=`, `+`, `@`, tab, CR, or `-` not starting a plain number gets a `'`).
 */
export function rowsToCsv(rows: readonly object[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const lines = [columns.map((c) => quote(safeText(c))).join(',')];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => cell(record[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return quote(safeText(typeof value === 'string' ? value : JSON.stringify(value)));
}

function safeText(text: string): string {
  const risky = /^[=+@\t\r]/.test(text) || (text.startsWith('-') && !/^-[0-9]+(\.[0-9]+)?$/.test(text));
  return risky ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
