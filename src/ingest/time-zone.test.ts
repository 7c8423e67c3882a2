import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { Dataset } from './loader';
import { browserTimeZone, fixedOffsetSeconds, offsetAt, offsetSegments, parseTimeZoneSetting, resolveTimeZone } from './time-zone';

// Every expected value below is worked out by hand from the rules, not by running the code:
// - America/New_York is UTC−5 (EST) in winter and UTC−4 (EDT) from the second Sunday of March 02:00 local
//   (2024-03-10 07:00 UTC) to the first Sunday of November 02:00 local (2024-11-03 06:00 UTC).
// - Asia/Shanghai is UTC+8 all year (no DST since 1991).
// These tests run under TZ=UTC and again under TZ=America/New_York (package.json): nothing may depend on the
// process's zone, nor on DuckDB's (Node's DuckDB has ICU and would follow TZ; DuckDB-WASM has none).
const H = 3600;

describe('time-zone offsets from Intl', () => {
  it('gives the offset east of UTC at an instant, with DST, and for UTC and fixed offsets', () => {
    expect(offsetAt('Asia/Shanghai', Date.UTC(2024, 0, 1, 12))).toBe(8 * H);
    expect(offsetAt('America/New_York', Date.UTC(2024, 0, 15, 12))).toBe(-5 * H);
    expect(offsetAt('America/New_York', Date.UTC(2024, 6, 1, 12))).toBe(-4 * H);
    // Spring forward at 07:00 UTC, fall back at 06:00 UTC.
    expect(offsetAt('America/New_York', Date.UTC(2024, 2, 10, 6, 59, 59))).toBe(-5 * H);
    expect(offsetAt('America/New_York', Date.UTC(2024, 2, 10, 7))).toBe(-4 * H);
    expect(offsetAt('America/New_York', Date.UTC(2024, 10, 3, 5, 59, 59))).toBe(-4 * H);
    expect(offsetAt('America/New_York', Date.UTC(2024, 10, 3, 6))).toBe(-5 * H);
    expect(offsetAt('UTC', Date.UTC(2024, 6, 1))).toBe(0);
    expect(offsetAt('+05:45', Date.UTC(2024, 6, 1))).toBe(5 * H + 45 * 60);
    expect(offsetAt('-09:30', Date.UTC(2024, 6, 1))).toBe(-(9 * H + 30 * 60));
  });

  it('finds the transitions of the months the data covers, to the second', () => {
    const segments = offsetSegments('America/New_York', [Date.UTC(2024, 2, 1), Date.UTC(2024, 10, 1)]);
    expect(segments).toEqual([
      { from: Date.UTC(2024, 1, 29), offset: -5 * H }, // a day before March
      { from: Date.UTC(2024, 2, 10, 7), offset: -4 * H },
      { from: Date.UTC(2024, 10, 3, 6), offset: -5 * H }, // EDT still at the start of the November window: no new segment
    ]);
    expect(offsetSegments('Asia/Shanghai', [Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1)])).toEqual([{ from: Date.UTC(2023, 11, 31), offset: 8 * H }]);
    // A garbage year 1 (years 0–99 are not 1900–1999 here): Shanghai's local mean time then, +8:05:43 in the tz database.
    const year1 = new Date(0).setUTCFullYear(1, 0, 1);
    expect(offsetSegments('Asia/Shanghai', [year1, Date.UTC(2024, 0, 1)])).toEqual([
      { from: year1 - 86_400_000, offset: 8 * H + 5 * 60 + 43 },
      { from: Date.UTC(2023, 11, 31), offset: 8 * H },
    ]);
    expect(offsetSegments('+08:00', [Date.UTC(2024, 0, 1)])).toEqual([{ from: -Infinity, offset: 8 * H }]);
    expect(offsetSegments('UTC', [])).toEqual([{ from: -Infinity, offset: 0 }]);
  });

  it('reads the setting: the browser’s zone, UTC or a fixed offset', () => {
    expect(parseTimeZoneSetting('browser')).toBe('browser');
    expect(parseTimeZoneSetting('UTC')).toBe('UTC');
    expect(parseTimeZoneSetting('+08:00')).toBe('+08:00');
    expect(parseTimeZoneSetting('-03:30')).toBe('-03:30');
    for (const bad of ['+8', '+15:00', '08:00', 'Asia/Shanghai', '', null]) expect(parseTimeZoneSetting(bad), String(bad)).toBeNull();
    expect(fixedOffsetSeconds('-03:30')).toBe(-(3 * H + 30 * 60));
    expect(resolveTimeZone('browser', 'Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(resolveTimeZone('+08:00', 'Asia/Shanghai')).toBe('+08:00');
    // The browser's zone is the process's (TZ) in Node.
    if (process.env.TZ && process.env.TZ !== 'UTC') expect(browserTimeZone()).toBe(process.env.TZ);
  });
});

// Each line: the timestamp as written → its instant in UTC, worked out by hand.
const CSV = [
  'order_id,customer_id,order_date,amount',
  '1,a,2024-01-01T20:00:00Z,10', // 2024-01-01 20:00 UTC
  '2,b,2024-01-01 20:00:00+08:00,10', // 12:00 UTC
  '3,c,2024-01-01 20:00:00+0800,10', // 12:00 UTC
  '4,d,2024-01-01 20:00:00 -0530,10', // 2024-01-02 01:30 UTC
  '5,e,2024-01-01 20:00:00+08,10', // 12:00 UTC
  '6,f,2024-03-10T06:59:59Z,10', // New York: 01:59:59 EST, the last second before spring forward
  '7,g,2024-03-10T07:00:00.5Z,10', // New York: 03:00:00.5 EDT
  '8,h,2024-11-03T05:30:00Z,10', // New York: 01:30 EDT
  '9,h,2024-11-03T06:30:00Z,10', // New York: 01:30 EST — the same wall-clock time, an hour later
  '10,i,2024-01-01 20:00,10', // no offset: taken as written, in every zone
  '11,j,2024-01-05,10', // a date: never an offset (its -05 is the day)
  '12,k,01/02/2024 20:00 UTC,10', // day first (proved by line 13): 1 February 20:00 UTC
  '13,k,25/02/2024 08:00:00 +01:00,10', // 25 February 07:00 UTC
].join('\n');

describe('timestamps with an offset, in the analysis time zone', () => {
  let db: NodeDb;
  let ds: Dataset;
  beforeEach(async () => {
    db = await NodeDb.create();
    ds = new Dataset(db);
  });
  afterEach(() => db.close());

  const times = async () => (await db.query<{ order_ts: string }>('SELECT order_ts FROM transactions ORDER BY row_number')).map((r) => r.order_ts);

  it('honours the offset and shows each instant in the zone (UTC, a fixed offset, Shanghai, New York with DST)', async () => {
    ds.timeZone = 'UTC';
    const f = await ds.add(fileOf('offsets.csv', CSV));
    expect(f.offsetTimestamps).toBe(11);
    expect(await db.query('SELECT count(*) AS n FROM rejects')).toEqual([{ n: 0 }]);
    expect(await times()).toEqual([
      '2024-01-01 20:00:00', '2024-01-01 12:00:00', '2024-01-01 12:00:00', '2024-01-02 01:30:00', '2024-01-01 12:00:00',
      '2024-03-10 06:59:59', '2024-03-10 07:00:00', '2024-11-03 05:30:00', '2024-11-03 06:30:00',
      '2024-01-01 20:00:00', '2024-01-05 00:00:00', '2024-02-01 20:00:00', '2024-02-25 07:00:00',
    ]);
    // The file is not needed again: a new zone is applied to the tables.
    await db.dropFile(f.fileName);
    await ds.setTimeZone('Asia/Shanghai');
    expect(await times()).toEqual([
      '2024-01-02 04:00:00', '2024-01-01 20:00:00', '2024-01-01 20:00:00', '2024-01-02 09:30:00', '2024-01-01 20:00:00',
      '2024-03-10 14:59:59', '2024-03-10 15:00:00', '2024-11-03 13:30:00', '2024-11-03 14:30:00',
      '2024-01-01 20:00:00', '2024-01-05 00:00:00', '2024-02-02 04:00:00', '2024-02-25 15:00:00',
    ]);
    // The evening order in UTC is a next-morning order in Beijing: the model's order date follows.
    expect(await db.query(`SELECT CAST(order_date AS VARCHAR) AS d FROM orders WHERE customer_id = 'a'`)).toEqual([{ d: '2024-01-02' }]);
    await ds.setTimeZone('America/New_York');
    expect(await times()).toEqual([
      '2024-01-01 15:00:00', '2024-01-01 07:00:00', '2024-01-01 07:00:00', '2024-01-01 20:30:00', '2024-01-01 07:00:00',
      '2024-03-10 01:59:59', '2024-03-10 03:00:00', '2024-11-03 01:30:00', '2024-11-03 01:30:00',
      '2024-01-01 20:00:00', '2024-01-05 00:00:00', '2024-02-01 15:00:00', '2024-02-25 02:00:00',
    ]);
    // Half a second survives the conversion.
    expect(await db.query(`SELECT CAST(order_ts AS VARCHAR) AS t FROM transactions WHERE customer_id = 'g'`)).toEqual([{ t: '2024-03-10 03:00:00.5' }]);
    await ds.setTimeZone('+05:45');
    expect((await times())[0]).toBe('2024-01-02 01:45:00');
    expect((await times())[9]).toBe('2024-01-01 20:00:00');
  });

  it('applies the zone set before loading, and forms orders without an id from the instant', async () => {
    ds.timeZone = 'Asia/Shanghai';
    await ds.add(fileOf('lines.csv', 'customer_id,order_date,amount\na,2024-01-01T12:00:00Z,1\na,2024-01-01 20:00:00+08:00,2\na,2024-01-01 12:00:00,4\n'));
    // The first two lines are the same instant written two ways: one order; the third, without an offset, is 12:00 in Beijing.
    expect(await db.query('SELECT order_id, CAST(order_ts AS VARCHAR) AS t, CAST(amount AS DOUBLE) AS amount FROM orders ORDER BY order_ts')).toEqual([
      { order_id: 'a @ 2024-01-01 12:00:00', t: '2024-01-01 12:00:00', amount: 4 },
      { order_id: 'a @ 2024-01-01 12:00:00 UTC', t: '2024-01-01 20:00:00', amount: 3 },
    ]);
  });

  it('keeps two orders an hour apart at the fall-back hour apart, although their wall-clock times are equal', async () => {
    ds.timeZone = 'America/New_York';
    await ds.add(fileOf('fall.csv', 'customer_id,order_date,amount\nh,2024-11-03T05:30:00Z,1\nh,2024-11-03T06:30:00Z,2\n'));
    expect(await db.query('SELECT order_id, CAST(order_ts AS VARCHAR) AS t FROM orders ORDER BY order_id')).toEqual([
      { order_id: 'h @ 2024-11-03 05:30:00 UTC', t: '2024-11-03 01:30:00' },
      { order_id: 'h @ 2024-11-03 06:30:00 UTC', t: '2024-11-03 01:30:00' },
    ]);
  });

  it('reads a typed ISO column again as text when an offset appears past the sample, so the offset is not dropped', async () => {
    ds.timeZone = 'Asia/Shanghai';
    const lines = ['customer_id,order_date,amount'];
    for (let i = 0; i < 6000; i++) lines.push(`c${i % 40},2024-02-01 10:00:00,1.25`);
    lines.push('late,2024-02-01 10:00:00Z,2');
    const f = await ds.add(fileOf('late.csv', lines.join('\n')));
    expect(f.types).toEqual({});
    expect(f.offsetTimestamps).toBe(1);
    expect(await db.query(`SELECT DISTINCT customer_id, CAST(order_ts AS VARCHAR) AS t FROM transactions WHERE customer_id IN ('late', 'c0') ORDER BY customer_id`)).toEqual([
      { customer_id: 'c0', t: '2024-02-01 10:00:00' },
      { customer_id: 'late', t: '2024-02-01 18:00:00' },
    ]);
  });

  it('changes nothing when no timestamp has an offset', async () => {
    await ds.add(fileOf('plain.csv', 'customer_id,order_date,amount\na,2024-01-01 20:00:00,1\n'));
    expect(ds.hasOffsets).toBe(false);
    await ds.setTimeZone('Asia/Shanghai');
    expect(await times()).toEqual(['2024-01-01 20:00:00']);
    expect(ds.timeZone).toBe('Asia/Shanghai');
  });
});
