import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { Dataset } from './loader';
import { IngestError } from './ingest-error';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url)));

interface Tx {
  customer_id: string;
  order_id: string;
  order_ts: string;
  amount: number;
  [k: string]: unknown;
}

describe('Dataset: reading files into transactions', () => {
  let db: NodeDb;
  let ds: Dataset;
  beforeEach(async () => {
    db = await NodeDb.create();
    ds = new Dataset(db);
  });
  afterEach(() => db.close());

  const rows = () => db.query<Tx>('SELECT * FROM transactions ORDER BY file_index, row_number');
  const rejects = () => db.query<{ line: number; reason: string; source_file: string }>('SELECT source_file, line, reason FROM rejects ORDER BY file_index, line');
  const stats = async () => (await db.query<{ rows_read: number; rows_rejected: number; duplicate_rows: number }>('SELECT * FROM load_stats ORDER BY file_index'));

  it('reads every date format, deciding day-first from the values', async () => {
    const csv = [
      'customer_id,order_date,amount',
      'a,2024-01-05,1', // ISO date
      'b,2024-01-05 13:45:10,1', // ISO timestamp
      'c,2024-01-05T13:45:10,1', // ISO with T
      'd,2024/01/05,1',
      'e,20240105,1',
      'f,25/12/2024,1', // day > 12: proves day-first
      'g,03/04/2024,1', // then read as 3 April
      'h,2024年1月5日,1',
      'i,2024-1-5,1',
    ].join('\n');
    const f = await ds.add(fileOf('dates.csv', csv));
    expect(f.dayOrder).toBe('dmy');
    expect(f.ambiguousDates).toBe(false);
    expect((await rows()).map((r) => r.order_ts)).toEqual([
      '2024-01-05 00:00:00', '2024-01-05 13:45:10', '2024-01-05 13:45:10', '2024-01-05 00:00:00', '2024-01-05 00:00:00',
      '2024-12-25 00:00:00', '2024-04-03 00:00:00', '2024-01-05 00:00:00', '2024-01-05 00:00:00',
    ]);
  });

  it('reads month-first dates when a second part above 12 proves it, with times', async () => {
    const f = await ds.add(fileOf('us.csv', 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n536365,17850,12/1/2010 8:26,6,2.55\n536366,17850,12/13/2010 9:02,2,1.85\n'));
    expect(f.dayOrder).toBe('mdy');
    expect(f.mapping).toMatchObject({ order_id: 'InvoiceNo', customer_id: 'CustomerID', order_date: 'InvoiceDate', quantity: 'Quantity', unit_price: 'UnitPrice', amount: null });
    const r = await rows();
    expect(r.map((x) => [x.order_ts, x.amount])).toEqual([
      ['2010-12-01 08:26:00', 15.3],
      ['2010-12-13 09:02:00', 3.7],
    ]);
  });

  it('flags slash dates that could be read either way, and the user’s choice re-reads them', async () => {
    const f = await ds.add(fileOf('amb.csv', 'customer_id,date,amount\na,03/04/2024,1\nb,05/06/2024,2\n'), { fallbackDayOrder: 'mdy' });
    expect(f.ambiguousDates).toBe(true);
    expect((await rows()).map((r) => r.order_ts)).toEqual(['2024-03-04 00:00:00', '2024-05-06 00:00:00']);
    await ds.remap(f.index, f.mapping, 'dmy');
    expect((await rows()).map((r) => r.order_ts)).toEqual(['2024-04-03 00:00:00', '2024-06-05 00:00:00']);
    expect(ds.files[0].ambiguousDates).toBe(false);
  });

  it('reads amounts with currency symbols, thousands separators and negatives', async () => {
    const csv = [
      'customer_id,order_date,amount',
      'a,2024-01-01,"$1,234.50"',
      'a,2024-01-02,€12',
      'a,2024-01-03,£3.10',
      'a,2024-01-04,¥100',
      'a,2024-01-05,￥88.8',
      'a,2024-01-06,12元',
      'a,2024-01-07,(5.00)',
      'a,2024-01-08,-3',
      'a,2024-01-09,7-',
      'a,2024-01-10, 42 ',
      'a,2024-01-11,USD 9.99',
    ].join('\n');
    await ds.add(fileOf('money.csv', csv));
    expect((await rows()).map((r) => r.amount)).toEqual([1234.5, 12, 3.1, 100, 88.8, 12, -5, -3, -7, 42, 9.99]);
  });

  it('reads semicolon files with decimal commas', async () => {
    const f = await ds.add(fileOf('eu.csv', 'Kunde;Datum;Betrag;customer id\n1;01.02.2024;1.234,56;x1\n2;15.02.2024;7,5;x2\n'));
    expect(f.delimiter).toBe(';');
    expect(f.decimalMark).toBe(',');
    expect(f.mapping.customer_id).toBe('customer id');
    f.mapping.order_date = 'Datum';
    f.mapping.amount = 'Betrag';
    await ds.remap(f.index, f.mapping, 'dmy');
    expect((await rows()).map((r) => [r.customer_id, r.order_ts, r.amount])).toEqual([
      ['x1', '2024-02-01 00:00:00', 1234.56],
      ['x2', '2024-02-15 00:00:00', 7.5],
    ]);
  });

  it('reads quantities with the file’s decimal comma: 1.000 is a thousand', async () => {
    const f = await ds.add(fileOf('eu-qty.csv', 'customer_id;order_date;quantity;unit_price\nk1;01.02.2024;1.000;0,50\nk2;02.02.2024;2;1.234,50\nk3;03.02.2024;1,5;2,00\n'));
    expect(f.decimalMark).toBe(',');
    // amount = quantity × unit price: 1000 × 0.50, 2 × 1234.50, 1.5 × 2.00.
    expect((await rows()).map((r) => [r.customer_id, r.order_ts, r.quantity, r.unit_price, r.amount])).toEqual([
      ['k1', '2024-02-01 00:00:00', 1000, 0.5, 500],
      ['k2', '2024-02-02 00:00:00', 2, 1234.5, 2469],
      ['k3', '2024-02-03 00:00:00', 1.5, 2, 3],
    ]);
  });

  it('reads customer ids written as floats (12347.0, as pandas writes them) as whole numbers, or as written on request', async () => {
    const csv = [
      'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '536365,85123A,6,12/1/2010 8:26,2.55,17850.0,United Kingdom',
      '536366,22633,2,12/1/2010 8:28,1.85,17850.0,United Kingdom',
      '536367,84879,32,12/1/2010 8:34,1.69,13047.00,United Kingdom',
      '536368,22960,3,12/1/2010 8:34,4.25,,United Kingdom',
    ].join('\n');
    const f = await ds.add(fileOf('uci.csv', csv));
    expect(f.floatIds).toBe('convert');
    const ids = async () => (await rows()).map((r) => r.customer_id);
    expect(await ids()).toEqual(['17850', '17850', '13047']);
    expect(await rejects()).toEqual([{ source_file: 'uci.csv', line: 5, reason: 'missing_customer' }]);
    // A later file with the same columns follows the choice, so one customer keeps one id.
    await ds.keepFloatIds(true);
    expect(ds.files[0].floatIds).toBe('keep');
    expect(await ids()).toEqual(['17850.0', '17850.0', '13047.00']);
    await ds.add(fileOf('uci-2.csv', 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536370,22728,24,12/1/2010 8:45,3.75,12583.0,France\n'));
    expect(ds.files[1].floatIds).toBe('keep');
    expect(await ids()).toEqual(['17850.0', '17850.0', '13047.00', '12583.0']);
    await ds.keepFloatIds(false);
    expect(ds.files.map((x) => x.floatIds)).toEqual(['convert', 'convert']);
    expect(await ids()).toEqual(['17850', '17850', '13047', '12583']);
    expect(await db.query('SELECT count(DISTINCT customer_id) AS n FROM orders')).toEqual([{ n: 3 }]);
  });

  it('keeps every id as written when one past the sample is not a float', async () => {
    const lines = ['customer_id,order_date,amount'];
    for (let i = 0; i < 5001; i++) lines.push(`${12000 + (i % 30)}.0,2024-01-05,1`);
    lines.push('C77,2024-01-06,2');
    const f = await ds.add(fileOf('mixed-ids.csv', lines.join('\n')));
    expect(f.floatIds).toBeUndefined();
    expect(await db.query(`SELECT customer_id FROM transactions WHERE row_number IN (1, 5002) ORDER BY row_number`)).toEqual([{ customer_id: '12000.0' }, { customer_id: 'C77' }]);
  });

  it('reads tab and pipe delimiters, quoted fields with commas and newlines, CRLF and trailing blank lines', async () => {
    await ds.add(fileOf('tab.tsv', 'customer_id\torder_date\tamount\r\n01\t2024-01-01\t5\r\n02\t2024-01-02\t6\r\n\r\n\r\n'));
    await ds.add(fileOf('pipe.txt', 'customer_id|order_date|amount|product\n03|2024-01-03|7|"Tea, green\nloose"\n'));
    const r = await rows();
    expect(r.map((x) => [x.customer_id, x.amount, x.product])).toEqual([
      ['01', 5, null],
      ['02', 6, null],
      ['03', 7, 'Tea, green\nloose'],
    ]);
    expect(ds.files.map((f) => f.delimiter)).toEqual(['\t', '|']);
  });

  it('keeps customer ids exactly as written', async () => {
    await ds.add(fileOf('ids.csv', 'customer_id,order_date,amount\n0001,2024-01-01,1\n 007 ,2024-01-01,1\n1e5,2024-01-01,1\n'));
    expect((await rows()).map((r) => r.customer_id)).toEqual(['0001', '007', '1e5']);
  });

  it('decodes GB18030 (Excel’s Chinese export), UTF-16 and UTF-8 with BOM, mapping Chinese headers', async () => {
    const gb = await ds.add(fileOf('gb.csv', fixture('gb18030.csv')));
    expect(gb.encoding).toBe('gb18030');
    expect(gb.mapping).toMatchObject({ customer_id: '客户编号', order_date: '下单日期', amount: '实付金额', product: '商品', region: '地区' });
    await ds.add(fileOf('le.csv', fixture('utf16le-bom.csv')));
    await ds.add(fileOf('be.csv', fixture('utf16be-bom.csv')));
    const bom = await ds.add(fileOf('bom.csv', fixture('utf8-bom.csv')));
    expect(bom.mapping).toMatchObject({ customer_id: '客户ID', order_date: '日期', amount: '金额' });
    expect(ds.files.map((f) => f.encoding)).toEqual(['gb18030', 'utf-16le', 'utf-16be', 'utf-8']);
    const r = await rows();
    expect(r.map((x) => [x.source_file, x.customer_id, x.amount, x.product, x.region])).toEqual([
      ['gb.csv', '0001', 120.5, '茶叶', '浙江'],
      ['gb.csv', '0002', 1000, '咖啡', '北京'],
      ['gb.csv', '0001', 88, '茶叶', '浙江'],
      ['le.csv', '0001', 10, null, null],
      ['le.csv', '0002', 20.5, null, null],
      ['be.csv', '0001', 10, null, null],
      ['bom.csv', '0001', 10, null, null],
    ]);
  });

  it('rejects rows with a blank customer, an unreadable date or amount, and malformed lines, with their line numbers', async () => {
    const csv = [
      'customer_id,order_date,amount', // line 1
      'a,2024-01-01,1', // 2 ok
      ',2024-01-01,1', // 3 blank customer
      'b,2024-13-45,1', // 4 bad date
      'c,2024-01-01,abc', // 5 bad amount
      'd,2024-01-01,1,extra', // 6 too many fields
      'e,2024-01-01,', // 7 blank amount
      'customer_id,order_date,amount', // 8 repeated header
      'f,2024-01-02,2', // 9 ok
    ].join('\n');
    await ds.add(fileOf('bad.csv', csv));
    expect(await rejects()).toEqual([
      { source_file: 'bad.csv', line: 3, reason: 'missing_customer' },
      { source_file: 'bad.csv', line: 4, reason: 'bad_date' },
      { source_file: 'bad.csv', line: 5, reason: 'bad_amount' },
      { source_file: 'bad.csv', line: 6, reason: 'malformed_line' },
      { source_file: 'bad.csv', line: 7, reason: 'bad_amount' },
      { source_file: 'bad.csv', line: 8, reason: 'repeated_header' },
    ]);
    expect((await rows()).map((r) => r.customer_id)).toEqual(['a', 'f']);
    expect(await stats()).toMatchObject([{ rows_read: 8, rows_rejected: 6, duplicate_rows: 0 }]);
  });

  it('counts exact duplicate lines, keeps them, and removes them on request', async () => {
    const csv = 'customer_id,order_date,amount\na,2024-01-01,1\na,2024-01-01,1\na,2024-01-01,1\nb,2024-01-01,1\n';
    await ds.add(fileOf('dup.csv', csv));
    await ds.add(fileOf('dup2.csv', 'customer_id,order_date,amount\nb,2024-01-01,1\n'));
    expect((await stats()).map((s) => s.duplicate_rows)).toEqual([2, 1]);
    expect((await rows()).length).toBe(5);
    await ds.dropDuplicates();
    expect((await rows()).map((r) => r.customer_id)).toEqual(['a', 'b']);
    expect((await stats()).map((s) => s.duplicate_rows)).toEqual([2, 1]);
  });

  it('forms orders from order ids, or from one customer’s rows with the same timestamp', async () => {
    await ds.add(fileOf('lines.csv', 'customer_id,order_date,amount\na,2024-01-01 10:00,1\na,2024-01-01 10:00,2\na,2024-01-01 11:00,3\nb,2024-01-01 10:00,4\n'));
    const ids = (await rows()).map((r) => r.order_id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe(ids[1]);
  });

  it('keeps negative amounts (returns) and computes amount = quantity × unit price', async () => {
    await ds.add(fileOf('qty.csv', 'order_id,customer_id,order_date,quantity,unit_price\n1,a,2024-01-01,3,2.50\n2,a,2024-01-02,-1,2.50\n3,a,2024-01-03,1000,0.125\n4,a,2024-01-04,3,0.333\n'));
    // The unit price is not rounded before multiplying: 1000 × 0.125 = 125.00, 3 × 0.333 = 0.999 → 1.00.
    expect((await rows()).map((r) => [r.amount, r.unit_price])).toEqual([[7.5, 2.5], [-2.5, 2.5], [125, 0.125], [1, 0.333]]);
  });

  it('appends files with the same columns, reusing the mapping', async () => {
    await ds.add(fileOf('jan.csv', 'client,day,spend\nx,2024-01-01,1\n'));
    ds.files[0].mapping.customer_id = 'client';
    const feb = await ds.add(fileOf('feb.csv', 'client,day,spend\ny,2024-02-01,2\n'));
    expect(feb.mapping).toEqual(ds.files[0].mapping);
    expect((await rows()).map((r) => [r.source_file, r.customer_id])).toEqual([
      ['jan.csv', 'x'],
      ['feb.csv', 'y'],
    ]);
  });

  it('refuses unusable files with a named reason and keeps what was loaded before', async () => {
    await ds.add(fileOf('good.csv', 'customer_id,order_date,amount\na,2024-01-01,1\n'));
    const cases: [string, string | Uint8Array, string][] = [
      ['empty.csv', '', 'empty_file'],
      ['blank.csv', '\n\n\n', 'empty_file'],
      ['header.csv', 'customer_id,order_date,amount\n', 'header_only'],
      ['random.csv', new Uint8Array(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)), 'not_text'],
      ['book.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 0, 0, 0]), 'archive'],
      ['book.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 0, 0, 0]), 'spreadsheet'],
      ['nocols.csv', 'name,city\nAnn,Paris\n', 'missing_roles'],
    ];
    for (const [name, content, code] of cases) {
      const err = await ds.add(fileOf(name, content)).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(IngestError);
      expect((err as IngestError).code, name).toBe(code);
      expect((err as IngestError).file, name).toBe(name);
    }
    expect((await rows()).map((r) => r.customer_id)).toEqual(['a']);
    expect(ds.files.map((f) => f.name)).toEqual(['good.csv']);
    expect(ds.pending.map((f) => f.name)).toEqual(['nocols.csv']);
  });

  it('names the missing roles of a file without customer, date or amount', async () => {
    const err = (await ds.add(fileOf('x.csv', 'name,city\nAnn,Paris\n')).catch((e: unknown) => e)) as IngestError;
    expect(err.detail.columns).toEqual(['customer_id', 'order_date', 'amount']);
  });

  it('reads clean columns typed, and reads a file again as text when a value past the sample does not convert', async () => {
    const good = ['customer_id,order_date,amount', ...Array.from({ length: 10 }, (_, i) => `c${i},2024-01-0${(i % 9) + 1},${i}.50`)];
    const clean = await ds.add(fileOf('clean.csv', good.join('\n')));
    expect(clean.types).toEqual({ order_date: 'TIMESTAMP', amount: 'DECIMAL(18,2)' });
    // 100,001 clean rows (the sample), then a date only the text parsers read and one nobody can.
    const lines = ['customer_id,order_date,amount'];
    for (let i = 0; i < 100_001; i++) lines.push(`x${i % 50},2024-02-01,1.25`);
    lines.push('late,03/02/2024,2', 'bad,not a date,3');
    const mixed = await ds.add(fileOf('mixed.csv', lines.join('\n')));
    expect(mixed.types).toEqual({});
    // Month first: the sample's ISO dates settle no day order, so the fallback (month-first here) reads it.
    expect(await db.query(`SELECT customer_id, order_ts FROM transactions WHERE customer_id = 'late'`)).toEqual([{ customer_id: 'late', order_ts: '2024-03-02 00:00:00' }]);
    expect((await rejects()).filter((r) => r.source_file === 'mixed.csv')).toEqual([{ source_file: 'mixed.csv', line: 100_004, reason: 'bad_date' }]);
    expect((await stats()).map((s) => [s.rows_read, s.rows_rejected])).toEqual([[10, 0], [100_003, 1]]);
  });

  it('reads only the new file when one is added', async () => {
    await ds.add(fileOf('jan.csv', 'customer_id,order_date,amount\na,2024-01-05,10\n'));
    // The first file is gone from DuckDB's folder: adding another must not need it.
    await db.dropFile(ds.files[0].fileName);
    await ds.add(fileOf('feb.csv', 'customer_id,order_date,amount\nb,2024-02-05,20\n'));
    expect((await rows()).map((r) => [r.customer_id, r.amount])).toEqual([['a', 10], ['b', 20]]);
  });

  it('moves the model to the compressed database when the data outgrows the plain one, and back after clearing', async () => {
    const small = new Dataset(db, 60);
    await small.add(fileOf('a.csv', 'customer_id,order_date,amount\na,2024-01-05,10\n'));
    expect(small.catalog).toBe('memory');
    await small.add(fileOf('b.csv', 'customer_id,order_date,amount\nb,2024-02-05,20\nc,2024-02-06,30\n'));
    expect(small.catalog).toBe('lens');
    const where = () => db.query<{ db: string; name: string }>(`SELECT database_name AS db, table_name AS name FROM duckdb_tables() WHERE table_name IN ('transactions', 'all_orders')
UNION ALL SELECT database_name, view_name FROM duckdb_views() WHERE view_name IN ('order_lines', 'orders') ORDER BY name`);
    expect(await where()).toEqual([{ db: 'lens', name: 'all_orders' }, { db: 'lens', name: 'order_lines' }, { db: 'lens', name: 'orders' }, { db: 'lens', name: 'transactions' }]);
    expect(await db.query('SELECT count(*) AS n, sum(amount) AS s FROM orders')).toEqual([{ n: 3, s: 60 }]);
    // The analyses' tables follow: built in the database in use.
    await db.exec('CREATE TABLE derived AS SELECT 1 AS x');
    expect(await db.query(`SELECT database_name AS db FROM duckdb_tables() WHERE table_name = 'derived'`)).toEqual([{ db: 'lens' }]);
    await small.clear();
    expect(await where()).toEqual([]);
    expect(await db.query(`SELECT count(*) AS n FROM duckdb_tables()`)).toEqual([{ n: 0 }]);
    await small.add(fileOf('a.csv', 'customer_id,order_date,amount\na,2024-01-05,10\n'));
    expect(small.catalog).toBe('memory');
  });
});
