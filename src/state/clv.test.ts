import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_AS_OF, cdnowDb } from '../../test/helpers/cdnow';
import type { NodeDb } from '../../test/helpers/node-db';
import { localEngine } from '../analyses/clv/compute';
import { ClvState } from './clv.svelte';

describe('ClvState', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await cdnowDb();
  });
  afterAll(() => db.close());

  it('starts with the default settings and brings bad input back into range', () => {
    const s = new ClvState(() => localEngine);
    expect(s.settings).toEqual({ unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01, margin: 1 });
    s.horizonMonths = 500.4;
    s.monthlyDiscount = -1;
    s.margin = NaN;
    expect(s.settings).toEqual({ unit: 'weeks', horizonMonths: 120, monthlyDiscount: 0, margin: 1 });
    s.reset();
    expect(s.horizonMonths).toBe(12);
  });

  it('reuses a fit and a scoring, refits on a new date or unit, and refuses to score a superseded fit', async () => {
    let engines = 0;
    const s = new ClvState(() => (engines++, localEngine));
    const run = await s.fit(db, CDNOW_AS_OF, 1, 'weeks');
    expect(await s.fit(db, CDNOW_AS_OF, 1, 'weeks')).toBe(run);
    const first = await s.score(db, run, s.settings);
    expect(await s.score(db, run, s.settings)).toBe(first);
    const second = await s.score(db, run, { ...s.settings, margin: 0.5 });
    expect(second.build).toBe(first.build + 1);
    const [{ total }] = await db.query<{ total: number }>('SELECT sum(clv) AS total FROM clv_customers');
    expect(total).toBeGreaterThan(0);

    const inDays = await s.fit(db, CDNOW_AS_OF, 1, 'days');
    expect(inDays).not.toBe(run);
    await expect(s.score(db, run, s.settings)).rejects.toThrow(/superseded/);
    expect(engines).toBe(1);
  });

  it('runs jobs one at a time, in the order asked', async () => {
    const s = new ClvState(() => localEngine);
    const order: string[] = [];
    const fit = s.fit(db, CDNOW_AS_OF, 2, 'weeks').then((r) => (order.push('fit'), r));
    const read = s.withTables(async () => order.push('read'));
    const run = await fit;
    await read;
    expect(order).toEqual(['fit', 'read']);
    expect(s.progress).toBeNull();
    expect(run.data.customers).toBe(2357);
  });
});
