import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { Dataset } from './loader';
import { IngestError } from './ingest-error';
import Papa from 'papaparse';

/** A seeded generator, so a failing variant can be reproduced from its number. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const lines = ['customer_id,order_date,amount,product'];
for (let i = 0; i < 40; i++) lines.push(`c${i % 9},2024-0${1 + (i % 9)}-1${i % 10},${(i * 3.7).toFixed(2)},"Item, ${i}"`);
const VALID = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
const GBK = [0xbf, 0xcd, 0xbb, 0xa7];

type Mutation = (b: number[], r: () => number) => number[];
const at = (b: number[], r: () => number) => Math.floor(r() * b.length);
const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.slice(0, at(b, r)),
  flipBytes: (b, r) => {
    const c = [...b];
    for (let k = 0; k < 1 + Math.floor(r() * 6); k++) c[at(c, r)] = Math.floor(r() * 256);
    return c;
  },
  dropField: (b, r) => {
    const c = [...b];
    const i = c.indexOf(0x2c, at(c, r));
    if (i >= 0) c.splice(i, 1);
    return c;
  },
  extraField: (b, r) => {
    const c = [...b];
    const i = c.indexOf(0x0d, at(c, r));
    if (i >= 0) c.splice(i, 0, 0x2c, 0x78);
    return c;
  },
  unbalancedQuote: (b, r) => {
    const c = [...b];
    c.splice(at(c, r), 0, 0x22);
    return c;
  },
  mixEncoding: (b, r) => {
    const c = [...b];
    c.splice(at(c, r), 0, ...GBK);
    return c;
  },
  nulBytes: (b, r) => {
    const c = [...b];
    c.splice(at(c, r), 0, 0, 0, 0);
    return c;
  },
  dropNewline: (b, r) => {
    const c = [...b];
    const i = c.indexOf(0x0a, at(c, r));
    if (i >= 0) c.splice(i - 1, 2);
    return c;
  },
  blankField: (b, r) => {
    // Empties the field around a random byte (the text between the commas or line breaks on either side).
    const c = [...b];
    const sep = (x: number) => x === 0x2c || x === 0x0d || x === 0x0a;
    let start = at(c, r);
    let end = start;
    while (start > 0 && !sep(c[start - 1])) start--;
    while (end < c.length && !sep(c[end])) end++;
    c.splice(start, end - start);
    return c;
  },
  duplicateChunk: (b, r) => {
    const i = at(b, r);
    return [...b.slice(0, i), ...b.slice(i, i + 50), ...b.slice(i)];
  },
};

/**
 * One record of a file as an RFC 4180 reader splits it, worked out here from the bytes, independently of DuckDB and
 * of the loader: a record ends at a line break (`\r\n`, `\n` or `\r`) outside quotes; a quote opens a quoted field
 * only at the start of a field, `""` inside it is a quote and the next lone quote closes it (anything after that,
 * up to the next comma, stays in the field: `quoteJunk`); a line with nothing on it is no record; a quote still
 * open at the end of the file ends the last record (`unterminated`). The bytes are read as Windows-1252 (what
 * TextDecoder calls latin1), one character per byte: every byte that
 * separates fields or records is ASCII, and no decoder the loader uses (UTF-8, Windows-1252, GB18030) folds one
 * into another character.
 */
interface FileRecord {
  /** Physical line (1 = the header) where the record starts. */
  line: number;
  /**
   * Its row as a spreadsheet numbers them, and as the loader reports rejected lines: 1 = the header, each record
   * and each blank line one row, a line break inside quotes none.
   */
  row: number;
  fields: string[];
  /** Per field: it was quoted and closed, with nothing after the closing quote. */
  wellQuoted: boolean[];
  quoteJunk: boolean;
  unterminated: boolean;
}

function fileRecords(bytes: Uint8Array): FileRecord[] {
  const text = new TextDecoder('latin1').decode(bytes);
  const out: FileRecord[] = [];
  let line = 1;
  let row = 1;
  let rec: FileRecord = { line, row, fields: [], wellQuoted: [], quoteJunk: false, unterminated: false };
  let field = '';
  let state: 'start' | 'plain' | 'quoted' | 'closed' | 'junk' = 'start';
  let blank = true;
  const endField = () => {
    rec.fields.push(field);
    rec.wellQuoted.push(state === 'closed');
    if (state === 'junk') rec.quoteJunk = true;
    field = '';
    state = 'start';
  };
  const endRecord = () => {
    endField();
    if (!blank) out.push(rec);
    row++;
    rec = { line, row, fields: [], wellQuoted: [], quoteJunk: false, unterminated: false };
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === 'quoted') {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') state = 'closed';
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
      continue;
    }
    blank = false;
    if (c === ',') endField();
    else if (c === '"' && state === 'start') state = 'quoted';
    else {
      if (state === 'start') state = 'plain';
      else if (state === 'closed') state = 'junk';
      field += c;
    }
  }
  if (state === 'quoted') {
    rec.unterminated = true;
    blank = false;
  }
  if (!blank) endRecord();
  return out;
}

/** The date a clean `order_date` value names (an ISO date of the calendar), else null. */
function isoDate(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? v : null;
}

const PRINTABLE = /^[\x20-\x7e]*$/;
const AMOUNT = /^\d{1,6}\.\d{2}$/;

/**
 * What the variant's header tells: how many fields a record may have, whether the first three columns keep their
 * names (else the loader maps what it can, and only the counts are checked) and whether the fourth is still `product`.
 */
interface Layout {
  width: number;
  named: boolean;
  product: boolean;
}

function layoutOf(header: FileRecord | undefined): Layout {
  const f = header?.fields ?? [];
  const plain = (i: number, name: string) => f[i] === name && !header!.wellQuoted[i] && !header!.quoteJunk;
  return { width: f.length, named: plain(0, 'customer_id') && plain(1, 'order_date') && plain(2, 'amount'), product: plain(3, 'product') };
}

/**
 * What the loader must do with a record of a variant, decided from the record alone: `load` a clean one (four
 * printable fields: a customer, a calendar ISO date, an amount with two decimals, a product quoted as written), with
 * these values; `reject` one with a blank customer, a blank date or (quoted soundly) more fields than the header;
 * `either` for the rest (odd bytes, broken quoting, text the loader may or may not read as a date or an amount).
 */
type Expected =
  | { kind: 'load'; row: { customer_id: string; day: string; amount: number; product?: string } }
  | { kind: 'reject' }
  | { kind: 'either' };

function expectedOf(r: FileRecord, layout: Layout): Expected {
  if (!layout.named) return { kind: 'either' };
  const [customer = '', date = '', amount = '', product = ''] = r.fields;
  const soundQuoting = !r.unterminated && !r.quoteJunk;
  const blank = (v: string) => v.trim() === '' && PRINTABLE.test(v);
  if ((soundQuoting && r.fields.length > layout.width) || blank(customer) || (r.fields.length >= 2 && blank(date))) return { kind: 'reject' };
  const clean =
    soundQuoting &&
    r.fields.length === layout.width &&
    r.fields.every((f) => PRINTABLE.test(f)) &&
    /^[A-Za-z0-9]+$/.test(customer) &&
    !r.wellQuoted[0] &&
    isoDate(date) !== null &&
    AMOUNT.test(amount) &&
    r.wellQuoted[3] &&
    product.trim() !== '';
  if (!clean) return { kind: 'either' };
  return { kind: 'load', row: { customer_id: customer, day: date, amount: Number(amount), ...(layout.product ? { product: product.trim() } : {}) } };
}

interface LoadedRow {
  customer_id: string;
  day: string;
  amount: number;
  product: string | null;
}

/** Whether a loaded row can be the record: its customer, amount and product as written wherever the record's text is plain. */
function mayBe(row: LoadedRow, r: FileRecord, layout: Layout): boolean {
  if (!layout.named) return true;
  const [customer = '', , amount = '', product] = r.fields;
  if (PRINTABLE.test(customer) && row.customer_id !== customer.trim()) return false;
  if (AMOUNT.test(amount) && row.amount !== Number(amount)) return false;
  if (layout.product && product !== undefined && r.wellQuoted[3] && PRINTABLE.test(product) && row.product !== (product.trim() || null)) return false;
  return true;
}

/**
 * Whether the loader's outcome can be the variant's records: the rejected rows (line numbers as the loader reports
 * them) are rows where a record starts, every record that must be rejected among them and no clean one; the loaded
 * rows (in file order) are the other records: each clean record one of them with its values, any other record at
 * most one of them, where its text allows (a longest match over records × rows). Returns what went wrong, or null.
 */
function outcomeError(records: FileRecord[], rows: LoadedRow[], rejectedRows: number[], layout: Layout): string | null {
  const expected = records.map((r) => expectedOf(r, layout));
  const starts = new Set(records.map((r) => r.row));
  const rejected = new Set(rejectedRows);
  const stray = rejectedRows.filter((n) => !starts.has(n));
  if (stray.length > 0 || rejected.size !== rejectedRows.length) return `rejected rows ${JSON.stringify(rejectedRows)}: not one per record start`;
  for (let i = 0; i < records.length; i++) {
    const e = expected[i];
    const { row } = records[i];
    if (e.kind === 'reject' && !rejected.has(row)) return `row ${row}: ${JSON.stringify(records[i].fields)} must be rejected, and is not`;
    if (e.kind === 'load' && rejected.has(row)) return `row ${row}: the clean record ${JSON.stringify(e.row)} is reported rejected`;
  }
  const same = (row: LoadedRow, e: Expected & { kind: 'load' }) =>
    row.customer_id === e.row.customer_id && row.day === e.row.day && row.amount === e.row.amount && (e.row.product === undefined || row.product === e.row.product);
  // can[i][j]: records i.. and loaded rows j.. can be matched.
  const can = Array.from({ length: records.length + 1 }, () => new Array<boolean>(rows.length + 1).fill(false));
  can[records.length][rows.length] = true;
  for (let i = records.length - 1; i >= 0; i--) {
    const e = expected[i];
    const out = rejected.has(records[i].row);
    for (let j = rows.length; j >= 0; j--) {
      const row = rows[j];
      if (out) can[i][j] = can[i + 1][j];
      else if (e.kind === 'load') can[i][j] = !!row && same(row, e) && can[i + 1][j + 1];
      else can[i][j] = !!row && mayBe(row, records[i], layout) && can[i + 1][j + 1];
    }
  }
  if (can[0][0]) return null;
  for (let i = 0; i < records.length; i++) {
    const e = expected[i];
    if (e.kind === 'load' && !rows.some((row) => same(row, e))) return `row ${records[i].row}: the clean record ${JSON.stringify(e.row)} was not loaded as written`;
  }
  return `the loaded rows are not the file's unrejected records in order (${rows.length} loaded, ${rejectedRows.length} rejected)`;
}

/** Refusals for variants that hold no data record, and for the other named reasons. */
const KNOWN_CODES = ['empty_file', 'header_only', 'not_text', 'spreadsheet', 'archive', 'no_header', 'unreadable', 'missing_roles', 'failed'];

describe('the record counter of this test', () => {
  it('splits records as RFC 4180 says, on every kind of line break', () => {
    const bytes = new TextEncoder().encode('a,b\r\n1,"x\r\ny"\n\n2,"q""r"\r3,"s"t\n"open\r\n4,5');
    // [line, row, fields, quoteJunk, unterminated]: the blank line is row 3, and no record.
    expect(fileRecords(bytes).map((r) => [r.line, r.row, r.fields, r.quoteJunk, r.unterminated])).toEqual([
      [1, 1, ['a', 'b'], false, false],
      [2, 2, ['1', 'x\r\ny'], false, false],
      [5, 4, ['2', 'q"r'], false, false],
      [6, 5, ['3', 'st'], true, false],
      [7, 6, ['open\r\n4,5'], false, true],
    ]);
  });

  it('agrees with papaparse on every variant papaparse reads without complaint', () => {
    let compared = 0;
    for (const [n, kind, variant] of variants()) {
      const text = new TextDecoder('latin1').decode(variant);
      // papaparse takes one kind of line break per file: compare only variants that keep to CRLF.
      if (/\r(?!\n)|(?<!\r)\n/.test(text)) continue;
      const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
      if (parsed.errors.length > 0) continue;
      expect(fileRecords(variant).map((r) => r.fields), `variant ${n} (${kind})`).toEqual(parsed.data);
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
  });
});

/** The 360 variants: [number, mutation, bytes]. */
function* variants(): Generator<[number, string, Uint8Array]> {
  const names = Object.keys(MUTATIONS);
  for (let n = 0; n < 360; n++) {
    const kind = names[n % names.length];
    yield [n, kind, new Uint8Array(MUTATIONS[kind]([...VALID], rng(n + 1)))];
  }
}

/**
 * Variants the loader gets wrong today, found by this test (reported for the ingest code; each has a minimal case in
 * test/unit/reliability.test.ts). They must keep failing the way named here until fixed, so the list only shrinks.
 * Empty now: the lone-CR and text-after-quote variants (81, 151, 231, 261, 321, 341, 351) were mixed line breaks,
 * which the loader now reads from a copy with uniform breaks (csv-scan.ts).
 */
const KNOWN_WRONG: Record<number, string> = {};

describe('fuzzing: corrupted variants of a valid CSV', () => {
  let db: NodeDb;
  let ds: Dataset;
  const outcomes: Record<string, number> = {};
  beforeAll(async () => {
    db = await NodeDb.create();
    ds = new Dataset(db);
    await ds.add(fileOf('baseline.csv', 'customer_id,order_date,amount\nbase,2020-01-01,1\nbase,2020-02-01,2\n'));
  });
  afterAll(() => {
    console.log('fuzz outcomes', outcomes);
    db.close();
  });

  it('accounts for every record of each variant (loaded as written or rejected), or refuses it with a named reason, never losing earlier data', async () => {
    const failures: string[] = [];
    const knownStillWrong = new Set<number>();
    for (const [n, kind, variant] of variants()) {
      const label = `variant ${n} (${kind})`;
      const before = failures.length;
      const records = fileRecords(variant);
      const dataRecords = records.slice(1);
      const layout = layoutOf(records[0]);
      try {
        const f = await ds.add(fileOf(`v${n}.csv`, variant));
        const [s] = await db.query<{ rows_read: number; rows_rejected: number }>('SELECT rows_read, rows_rejected FROM load_stats WHERE file_index = $1', [f.index]);
        const rows = await db.query<LoadedRow & Record<string, unknown>>(
          `SELECT customer_id, strftime(order_ts, '%Y-%m-%d') AS day, CAST(amount AS DOUBLE) AS amount, product FROM transactions WHERE file_index = $1 ORDER BY row_number`,
          [f.index],
        );
        const rejected = await db.query<{ line: number }>('SELECT line FROM rejects WHERE file_index = $1 ORDER BY line', [f.index]);
        // The file's own count: each record is loaded or rejected, once.
        if (s.rows_read !== dataRecords.length || rows.length + rejected.length !== dataRecords.length)
          failures.push(`${label}: the file has ${dataRecords.length} records; ${rows.length} loaded + ${rejected.length} rejected (rows_read ${s.rows_read})`);
        // Which ones: every clean record loaded with the values written, every record without customer or date (or
        // with more fields than the header) rejected at its row, every other record loaded or rejected.
        const wrong = outcomeError(
          dataRecords,
          rows,
          rejected.map((r) => r.line),
          layout,
        );
        if (wrong) failures.push(`${label}: ${wrong}`);
        outcomes.loaded = (outcomes.loaded ?? 0) + 1;
        await ds.remove(f.index);
      } catch (e) {
        expect(e, label).toBeInstanceOf(IngestError);
        const code = (e as IngestError).code;
        expect(KNOWN_CODES, label).toContain(code);
        if ((code === 'header_only' || code === 'empty_file') && dataRecords.length > 0) failures.push(`${label}: refused as ${code}, but it has ${dataRecords.length} records`);
        if (code === 'missing_roles' && layout.named) failures.push(`${label}: refused as missing_roles, but its header names every column`);
        outcomes[code] = (outcomes[code] ?? 0) + 1;
        for (const p of ds.pending) await ds.discardPending(p.index);
      }
      const base = await db.query<{ n: number }>(`SELECT count(*) AS n FROM transactions WHERE source_file = 'baseline.csv'`);
      expect(base[0].n, label).toBe(2);
      expect(ds.files.map((f) => f.name), label).toEqual(['baseline.csv']);
      if (n in KNOWN_WRONG && failures.length > before) {
        knownStillWrong.add(n);
        failures.splice(before);
      }
    }
    expect(failures).toEqual([]);
    // A known case that now comes out right: take it off KNOWN_WRONG (and its case in reliability.test.ts off `fails`).
    expect(Object.keys(KNOWN_WRONG).map(Number).filter((n) => !knownStillWrong.has(n))).toEqual([]);
    expect(outcomes.loaded).toBeGreaterThan(300);
  }, 180_000);
});
