import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { EventSet } from './event-loader';
import { detectEvents, eventHead } from './event-roles';
import { kindOfFile } from './file-kind';
import { sniff } from './sniff';

// The teaching data set's layout: user, item, category, behaviour, Unix seconds; no header.
// 1511544070 = 2017-11-24 17:21:10 UTC = 2017-11-25 01:21:10 in Shanghai (UTC+8).
// Line 3 has no user (rejected), line 5 a time that is not a number (rejected).
const HEADERLESS = `1,2268318,女装,pv,1511544070
1,2268318,女装,cart,1511544100
,2333346,数码,pv,1511561733
2,4365585,数码,buy,1511572885
2,2520377,家居,fav,abc
`;
const MILLIS = `user_id,event,ts_ms
u1,page_view,1700000000123
u1,add_to_cart,1700000060000
`;
const ISO = `user,event_time,action,device
a,2024-03-01 10:00:00,view_item,ios
a,2024-03-01T10:00:00+08:00,purchase,ios
`;

describe('event logs', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
  });
  afterAll(() => db.close());

  it('recognises the headerless teaching layout without asking', () => {
    const s = sniff(HEADERLESS)!;
    expect(kindOfFile(s)).toBe('events');
    const head = eventHead(s);
    expect(head.headerless).toBe(true);
    expect(detectEvents(head.headers, head.rows)).toMatchObject({
      user_id: 'column_1', item: 'column_2', category: 'column_3', event_type: 'column_4', timestamp: 'column_5', timeFormat: 'unix_s',
      types: { pv: 'view', cart: 'cart', buy: 'purchase', fav: 'favourite' },
    });
    expect(kindOfFile(sniff('customer_id,order_date,amount\na,2024-01-01,10.50\n')!)).toBe('transactions');
  });

  it('reads Unix seconds as instants shown in the analysis zone, rejecting lines with their numbers', async () => {
    const set = new EventSet(db);
    set.timeZone = 'Asia/Shanghai';
    await set.add(fileOf('UserBehavior.csv', HEADERLESS));
    expect(await db.query('SELECT line, user_id, event_ts, event_date, event_role, category FROM events ORDER BY line')).toEqual([
      { line: 1, user_id: '1', event_ts: '2017-11-25 01:21:10', event_date: '2017-11-25', event_role: 'view', category: '女装' },
      { line: 2, user_id: '1', event_ts: '2017-11-25 01:21:40', event_date: '2017-11-25', event_role: 'cart', category: '女装' },
      { line: 4, user_id: '2', event_ts: '2017-11-25 09:21:25', event_date: '2017-11-25', event_role: 'purchase', category: '数码' },
    ]);
    expect(await db.query('SELECT line, reason, value FROM event_rejects ORDER BY line')).toEqual([
      { line: 3, reason: 'missing_user', value: null },
      { line: 5, reason: 'bad_timestamp', value: 'abc' },
    ]);
    // Another zone: the instants move, nothing is read again.
    await set.setTimeZone('UTC');
    expect(await db.query('SELECT event_ts, event_date FROM events ORDER BY line LIMIT 1')).toEqual([{ event_ts: '2017-11-24 17:21:10', event_date: '2017-11-24' }]);
    // The user remaps a type: only the roles change.
    await set.remap({ ...set.mapping!, types: { ...set.mapping!.types, fav: 'other', cart: 'favourite' } });
    expect(await db.query(`SELECT event_role FROM events WHERE line = 2`)).toEqual([{ event_role: 'favourite' }]);
    await set.clear();
  });

  it('reads a headerless file with Unix milliseconds', async () => {
    // 1511544070123 ms = 2017-11-24 17:21:10.123 UTC.
    const set = new EventSet(db);
    set.timeZone = 'UTC';
    await set.add(fileOf('ms.csv', '7,11,数码,pv,1511544070123\n7,11,数码,buy,1511544130000\n'));
    expect(set.mapping).toMatchObject({ user_id: 'column_1', timestamp: 'column_5', timeFormat: 'unix_ms' });
    expect(await db.query('SELECT line, event_ts, event_role FROM events ORDER BY line')).toEqual([
      { line: 1, event_ts: '2017-11-24 17:21:10', event_role: 'view' },
      { line: 2, event_ts: '2017-11-24 17:22:10', event_role: 'purchase' },
    ]);
    await set.clear();
  });

  it('reads milliseconds, and ISO times with or without an offset', async () => {
    const ms = new EventSet(db);
    await ms.add(fileOf('ms.csv', MILLIS));
    // 1700000000 s = 2023-11-14 22:13:20 UTC (results come back to the second).
    expect(await db.query('SELECT event_ts, event_role FROM events ORDER BY line')).toEqual([
      { event_ts: '2023-11-14 22:13:20', event_role: 'view' },
      { event_ts: '2023-11-14 22:14:20', event_role: 'cart' },
    ]);
    await ms.clear();
    const iso = new EventSet(db);
    iso.timeZone = 'UTC';
    await iso.add(fileOf('iso.csv', ISO));
    // Without an offset: as written; with +08:00: the instant 02:00 UTC.
    expect(await db.query('SELECT event_ts, event_role, device FROM events ORDER BY line')).toEqual([
      { event_ts: '2024-03-01 10:00:00', event_role: 'view', device: 'ios' },
      { event_ts: '2024-03-01 02:00:00', event_role: 'purchase', device: 'ios' },
    ]);
    await iso.clear();
  });
});

describe('a big event log', () => {
  it('lives in the compressed database, read by the same names, beside a survey in the plain one', async () => {
    const db = await NodeDb.create();
    const { SurveySet } = await import('./survey-loader');
    await new SurveySet(db).add(fileOf('s.csv', 'respondent,date,nps\na,2024-01-01,9\nb,2024-01-02,3\n'));
    const set = new EventSet(db, 0);
    set.timeZone = 'UTC';
    await set.add(fileOf('UserBehavior.csv', HEADERLESS));
    expect(set.catalog).toBe('lens');
    expect(await db.query(`SELECT database_name AS db, table_name AS t FROM duckdb_tables() WHERE table_name IN ('events', 'responses') ORDER BY 2`)).toEqual([
      { db: 'lens', t: 'events' }, { db: 'memory', t: 'responses' },
    ]);
    expect(await db.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 3 }]);
    expect(await db.query('SELECT count(*) AS n FROM responses')).toEqual([{ n: 2 }]);
    // A second file: appended in the compressed database; a type's new role: updated there.
    await set.add(fileOf('more.csv', '9,1,女装,pv,1511544070\n'));
    await set.remap({ ...set.mapping!, types: { ...set.mapping!.types, pv: 'other' } });
    expect(await db.query(`SELECT count(*) AS n FROM events WHERE event_role = 'other'`)).toEqual([{ n: 2 }]);
    await set.remove(set.files[0]!.index);
    expect(await db.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }]);
    db.close();
  });
});
