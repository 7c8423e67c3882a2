import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_AS_OF, cdnowDb } from '../../test/helpers/cdnow';
import type { NodeDb } from '../../test/helpers/node-db';
import { localEngine, type ClvEngine } from '../analyses/clv/compute';
import { QueryLayer } from '../query/query-layer';
import { ClvState } from './clv.svelte';

/** The local engine, counting its calls. */
function countingEngine(): { engine: ClvEngine; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const engine = Object.fromEntries(
    Object.entries(localEngine).map(([name, f]) => [name, (...args: unknown[]) => ((calls[name] = (calls[name] ?? 0) + 1), (f as (...a: unknown[]) => unknown)(...args))]),
  ) as unknown as ClvEngine;
  return { engine, calls };
}

describe('ClvState', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await cdnowDb();
  });
  afterAll(() => db.close());

  it('starts with the default settings and brings bad input back into range', () => {
    const s = new ClvState(() => localEngine);
    expect(s.settings).toEqual({ unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01, margin: 1, model: 'bgnbd' });
    s.horizonMonths = 500.4;
    s.monthlyDiscount = -1;
    s.margin = NaN;
    expect(s.settings).toEqual({ unit: 'weeks', horizonMonths: 120, monthlyDiscount: 0, margin: 1, model: 'bgnbd' });
    s.reset();
    expect(s.horizonMonths).toBe(12);
  });

  it('fits once per as-of date, unit and data version, and scores once per horizon and discount, not per margin', async () => {
    const layer = new QueryLayer(db);
    const { engine, calls } = countingEngine();
    let engines = 0;
    const s = new ClvState(() => (engines++, engine));
    const run = await s.fit(layer, CDNOW_AS_OF, 'weeks');
    expect(run.data.customers).toBe(2357);
    const executed = layer.stats.executed;
    expect(await s.fit(layer, CDNOW_AS_OF, 'weeks')).toBe(run);
    expect(layer.stats.executed).toBe(executed);

    expect(s.currentTable(layer, CDNOW_AS_OF)).toBeNull();
    const score = await s.score(layer, run, s.settings);
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBe(score.table);
    expect(s.currentTable(layer, '1997-10-31')).toBeNull();
    const read = () => layer.query<{ total: number }>({ sql: `SELECT sum(${s.clvSql('c')}) AS total FROM clv_customers c`, tables: [score.table] });
    const [{ total }] = await read();
    expect(total).toBeGreaterThan(0);

    // The margin changes the CLV read, not the table: nothing is predicted or built again.
    const builds = layer.stats.builds.length;
    s.margin = 0.5;
    expect(await s.score(layer, run, s.settings)).toBe(score);
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBe(score.table);
    const [{ total: half }] = await read();
    expect(half).toBeCloseTo(total / 2, 6);
    expect(calls.predictTriples).toBe(1);
    expect(layer.stats.builds.length).toBe(builds);

    // A new horizon predicts anew and rebuilds clv_customers alone; until then the table is not current.
    s.horizonMonths = 6;
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBeNull();
    const six = await s.score(layer, run, s.settings);
    expect(six).not.toBe(score);
    expect(calls.predictTriples).toBe(2);
    expect(layer.stats.builds.slice(builds)).toEqual(['clv_customers']);
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBe(six.table);

    // Back to 12 months: the scoring comes from the cache and its table is built again from its predictions.
    s.horizonMonths = 12;
    expect(await s.score(layer, run, s.settings)).toBe(score);
    expect(calls.predictTriples).toBe(2);
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBe(score.table);
    const [{ again }] = await db.query<{ again: number }>('SELECT sum(clv_full_margin) AS again FROM clv_customers');
    expect(again).toBeCloseTo(total, 6);

    const inDays = await s.fit(layer, CDNOW_AS_OF, 'days');
    expect(inDays).not.toBe(run);
    expect(calls.fitModels).toBe(2);
    expect(engines).toBe(1);
    expect(s.progress).toBeNull();
  });

  it('forgets everything when the data changes: no current table, and a fit of the old data cannot score', async () => {
    const layer = new QueryLayer(db);
    const s = new ClvState(() => localEngine);
    const run = await s.fit(layer, CDNOW_AS_OF, 'weeks');
    await s.score(layer, run, s.settings);
    expect(s.currentTable(layer, CDNOW_AS_OF)).not.toBeNull();
    await layer.mutate(async () => undefined);
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBeNull();
    await expect(s.score(layer, run, { horizonMonths: 3, monthlyDiscount: 0 })).rejects.toThrow(/superseded/);
    const again = await s.fit(layer, CDNOW_AS_OF, 'weeks');
    expect(again).not.toBe(run);
    const score = await s.score(layer, again, s.settings);
    expect(s.currentTable(layer, CDNOW_AS_OF)).toBe(score.table);
  });
});
