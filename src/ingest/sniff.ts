import Papa from 'papaparse';

export interface Sniffed {
  delimiter: string;
  /** Header names, trimmed, made unique, blanks named `column_N`. */
  headers: string[];
  /** Up to 200 data rows, as text, for role detection. */
  rows: string[][];
  /** Every data row of the head that was parsed (up to 5,000), for deciding which columns are clean. */
  sample: string[][];
}

const DELIMITERS = [',', ';', '\t', '|'];

/** Header names as DuckDB will get them: trimmed, unique, never blank. */
export function cleanHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/**
 * Reads the start of a file (already decoded text) to find its delimiter, header and a sample of rows.
 * Only the first chunk is parsed in JS; DuckDB reads the whole file.
 */
export function sniff(text: string): Sniffed | null {
  const body = text.replace(/^\uFEFF/, '');
  const cut = body.length > 200_000 ? body.slice(0, body.lastIndexOf('\n', 200_000) + 1 || 200_000) : body;
  // No `preview`: papaparse counts skipped blank lines toward it, and a flood of blank lines would hide the data.
  const result = Papa.parse<string[]>(cut, { delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy' });
  const [header, ...rest] = result.data;
  const rows = rest.slice(0, 200);
  if (!header || header.every((h) => h.trim() === '')) return null;
  let delimiter = result.meta.delimiter;
  if (!DELIMITERS.includes(delimiter)) delimiter = ',';
  return { delimiter, headers: cleanHeaders(header), rows, sample: rest.slice(0, 5000) };
}
