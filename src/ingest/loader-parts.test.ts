import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { Dataset } from './loader';
import { IngestError } from './ingest-error';

/**
 * A file read in parts (the compressed database's path for big files) must give the tables a file read whole gives:
 * the same rows in the same order, the same rejects at the same lines, the same statistics, duplicates and orders.
 * Row numbers (the rows' identity within a file) of a part start where its first line is, so they may skip.
 */

/** Records (300 unless told) of every kind a loader meets, the odd ones spread so that parts cut between them. */
function messyCsv(opts: { lateBadQuantity?: boolean; lateFloatId?: boolean; floatIds?: boolean; records?: number } = {}): string {
  const n = opts.records ?? 300;
  const lines = ['order_id,customer_id,order_date,product,quantity,unit_price'];
  for (let i = 0; i < n; i++) {
    const customer = opts.floatIds ? `${1000 + (i % 37)}.0` : `c${i % 37}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    let line = `o${Math.floor(i / 3)},${customer},2024-${month}-${day} 10:00:00,p${i % 5},${1 + (i % 4)},${(2.5 + (i % 7)).toFixed(2)}`;
    if (i % 41 === 7) line = `o${i},c1,2024-01-01 10:00:00,p1,1,2.00,extra`; // too many fields: a malformed line
    if (i % 53 === 11) line = `o${i},,2024-01-01 10:00:00,p1,1,2.00`; // no customer
    if (i % 61 === 13) line = `o${i},c2,2024-01-01 10:00:00,"p with a ""quote"", and a comma",2,3.00`;
    if (i % 67 === 17) line = `o${i},c3,2024-01-01 10:00:00,"p with a line break`; // the quoted field goes on…
    if (i % 67 === 18) line = `inside it",1,4.00`; // …on this line, which is no record of its own
    if (i % 71 === 19) line = lines[lines.length - 1]!; // an exact duplicate of the line before
    if (opts.lateBadQuantity && i === n - 20) line = `o${i},c4,2024-01-01 10:00:00,p1,lots,2.00`;
    if (opts.lateFloatId && i === n - 10) line = `o${i},1004.5,2024-01-01 10:00:00,p1,1,2.00`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

describe('Dataset: a big file read in parts', () => {
  let db: NodeDb;
  beforeEach(async () => {
    db = await NodeDb.create();
  });
  afterEach(() => db.close());

  const tables = async () => ({
    transactions: await db.query('SELECT * EXCLUDE (source_file, row_number) FROM transactions ORDER BY file_index, row_number'),
    rowNumbers: await db.query('SELECT count(*) AS n, count(DISTINCT (file_index, row_number)) AS distinct_n FROM transactions'),
    rejects: await db.query('SELECT * EXCLUDE (source_file) FROM rejects ORDER BY file_index, line, reason'),
    stats: await db.query('SELECT * EXCLUDE (source_file) FROM load_stats ORDER BY file_index'),
    orders: await db.query('SELECT * FROM all_orders ORDER BY customer_id, order_id'),
    duplicates: await db.query(`SELECT t.* EXCLUDE (source_file, row_number) FROM duplicate_copies JOIN transactions t USING (file_index, row_number)
ORDER BY t.file_index, t.row_number`),
  });

  /** The tables after loading `csv` whole (the plain database) and in parts of `partBytes` (the compressed one). */
  async function both(csv: string, partBytes = 200) {
    const whole = new Dataset(db);
    const a = await whole.add(fileOf('whole.csv', csv));
    const expected = await tables();
    await whole.clear();
    let parts = 0;
    const register = db.registerFile.bind(db);
    db.registerFile = (name, data) => {
      if (name.endsWith('_part.csv')) parts++;
      return register(name, data);
    };
    const parted = new Dataset(db, 0, partBytes);
    const b = await parted.add(fileOf('parted.csv', csv));
    expect(parted.catalog).toBe('lens');
    const actual = await tables();
    return { expected, actual, parts, a, b };
  }

  it('gives the same rows in the same order, rejects and their lines, statistics, duplicates and orders', async () => {
    const { expected, actual, parts } = await both(messyCsv());
    expect(parts).toBeGreaterThan(20);
    expect((expected.rejects as { reason: string }[]).map((r) => r.reason).sort()).toEqual(
      expect.arrayContaining(['malformed_line', 'missing_customer']),
    );
    expect(expected.duplicates.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });

  it('reads the whole file again as text when a part late in it has a value the typed read cannot convert', async () => {
    // Past the head the types are chosen from (256 KB), in part 20 or so of 16 KB.
    const { expected, actual, a, b } = await both(messyCsv({ lateBadQuantity: true, records: 8000 }), 16 * 1024);
    expect(Object.keys(a.types ?? {})).toEqual([]);
    expect(b.types).toEqual(a.types);
    expect((expected.rejects as { line: number; reason: string }[]).find((r) => r.reason === 'bad_amount')?.line).toBeGreaterThan(7800);
    expect(actual).toEqual(expected);
  });

  it('keeps float ids as written when one late in the file is not a whole number', async () => {
    const { expected, actual, a, b } = await both(messyCsv({ floatIds: true, lateFloatId: true }));
    expect(a.floatIds).toBeUndefined();
    expect(b.floatIds).toBeUndefined();
    expect(actual).toEqual(expected);
  });

  it('leaves the data loaded before as it was when a load is cancelled after some parts were committed', async () => {
    const ds = new Dataset(db, 0, 200);
    await ds.add(fileOf('first.csv', messyCsv()));
    const before = await tables();
    const controller = new AbortController();
    let parts = 0;
    const register = db.registerFile.bind(db);
    db.registerFile = (name, data) => {
      if (name.endsWith('_part.csv') && ++parts === 5) controller.abort();
      return register(name, data);
    };
    const err = await ds.add(fileOf('second.csv', messyCsv()), { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('cancelled');
    expect(parts).toBe(5);
    expect(await tables()).toEqual(before);
    expect(ds.files.map((f) => f.name)).toEqual(['first.csv']);
  });
});
