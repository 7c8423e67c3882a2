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
  duplicateChunk: (b, r) => {
    const i = at(b, r);
    return [...b.slice(0, i), ...b.slice(i, i + 50), ...b.slice(i)];
  },
};

/** Mutations after which both parsers must agree on the number of records (they keep quoting and line ends intact). */
const SAFE_TO_COUNT = new Set(['truncate', 'dropField', 'extraField', 'dropNewline']);

const KNOWN_CODES = ['empty_file', 'header_only', 'not_text', 'spreadsheet', 'archive', 'no_header', 'unreadable', 'missing_roles', 'failed'];

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

  it('loads each variant with consistent counts or refuses it with a named reason, never losing earlier data', async () => {
    const names = Object.keys(MUTATIONS);
    for (let n = 0; n < 360; n++) {
      const r = rng(n + 1);
      const kind = names[n % names.length];
      const variant = new Uint8Array(MUTATIONS[kind]([...VALID], r));
      const label = `variant ${n} (${kind})`;
      try {
        const f = await ds.add(fileOf(`v${n}.csv`, variant));
        const [s] = await db.query<{ rows_read: number; rows_rejected: number }>('SELECT rows_read, rows_rejected FROM load_stats WHERE file_index = $1', [f.index]);
        const [t] = await db.query<{ n: number; bad: number }>(
          `SELECT count(*) AS n, count(*) FILTER (WHERE customer_id IS NULL OR order_ts IS NULL OR amount IS NULL) AS bad FROM transactions WHERE file_index = $1`,
          [f.index],
        );
        expect(t.n, label).toBe(s.rows_read - s.rows_rejected);
        // An independent count: where papaparse reads the variant without complaint, DuckDB read as many records.
        const independent = Papa.parse<string[]>(new TextDecoder().decode(variant), { skipEmptyLines: 'greedy', delimiter: ',' });
        if (independent.errors.length === 0 && SAFE_TO_COUNT.has(kind)) {
          expect(s.rows_read, label).toBe(independent.data.length - 1);
          outcomes.counted = (outcomes.counted ?? 0) + 1;
        }
        expect(t.bad, label).toBe(0);
        expect(s.rows_read, label).toBeLessThanOrEqual(45);
        outcomes.loaded = (outcomes.loaded ?? 0) + 1;
        await ds.remove(f.index);
      } catch (e) {
        expect(e, label).toBeInstanceOf(IngestError);
        expect(KNOWN_CODES, label).toContain((e as IngestError).code);
        outcomes[(e as IngestError).code] = (outcomes[(e as IngestError).code] ?? 0) + 1;
        if ((e as IngestError).code === "failed") console.log(label, (e as Error).message.slice(0, 300));
        for (const p of ds.pending) await ds.discardPending(p.index);
      }
      const base = await db.query<{ n: number }>(`SELECT count(*) AS n FROM transactions WHERE source_file = 'baseline.csv'`);
      expect(base[0].n, label).toBe(2);
      expect(ds.files.map((f) => f.name), label).toEqual(['baseline.csv']);
    }
    expect(outcomes.loaded).toBeGreaterThan(100);
    expect(outcomes.counted).toBeGreaterThan(50);
  }, 180_000);
});
