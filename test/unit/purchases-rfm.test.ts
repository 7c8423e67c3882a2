import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../helpers/node-db';
import { purchasesFile, PURCHASES_AS_OF } from '../helpers/purchase-fixture';
import { Dataset } from '../../src/ingest/loader';
import { i18n } from '../../src/i18n/i18n.svelte';
import { QueryLayer } from '../../src/query/query-layer';
import { rfmExports, rfmRequests } from '../../src/analyses/rfm/requests';
import { RfmState, segmentLabel } from '../../src/state/rfm.svelte';

/*
 * The purchases fixture as of 2024-03-31 (see test/helpers/purchase-fixture.ts), worked by hand:
 * - a: purchases 536001 (25, 01-05) and 536003 (30, 02-10); the cancellations C536002 (−5) and C536004 (−10, in
 *   March) are returns: frequency 2, recency 02-10 → 03-31 = 19 + 31 = 50 days (the March return does not make a
 *   recent), monetary 25 − 5 + 30 − 10 = 40;
 * - b: 536005 (40, 01-20), 536006 nets to 0 (not a purchase), 536007 (12.50, 03-15): 2, 16 days, 52.50;
 * - c: only the cancellation C536008: not a customer, not scored;
 * - d: 536009 (15, 02-01), 536010 (5, 02-20), return C536011 (−5): 2, 02-20 → 03-31 = 9 + 31 = 40 days, 15;
 * - e: 536012 (10, 03-30): 1, 1 day, 10.
 * Quantile scores (5 bins, N = 4, 1 + floor(5 × (rank − 1) / 4)): R worst first a, d, b, e → 1, 2, 3, 4;
 * F: e (1 purchase) rank 1 → 1, a = b = d rank 2 → 2; M worst first e, d, a, b → 1, 2, 3, 4.
 */
const MEASURES = [
  { customer_id: 'a', recency_days: 50, frequency: 2, monetary: 40, first_order_date: '2024-01-05', last_order_date: '2024-02-10', r_score: 1, f_score: 2, m_score: 3 },
  { customer_id: 'b', recency_days: 16, frequency: 2, monetary: 52.5, first_order_date: '2024-01-20', last_order_date: '2024-03-15', r_score: 3, f_score: 2, m_score: 4 },
  { customer_id: 'd', recency_days: 40, frequency: 2, monetary: 15, first_order_date: '2024-02-01', last_order_date: '2024-02-20', r_score: 2, f_score: 2, m_score: 2 },
  { customer_id: 'e', recency_days: 1, frequency: 1, monetary: 10, first_order_date: '2024-03-30', last_order_date: '2024-03-30', r_score: 4, f_score: 1, m_score: 1 },
];

describe('RFM on purchases (cancellations are returns)', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(purchasesFile());
  });
  afterAll(() => {
    i18n.lang = 'en';
    return db.close();
  });

  const all = (rfm: RfmState) => {
    const r = rfmRequests(PURCHASES_AS_OF, rfm.options);
    return [r.summary, r.ranges, r.split, r.heatmap, r.distribution, r.pareto, r.tiers];
  };
  const csv = async (layer: QueryLayer, rfm: RfmState) => {
    const r = rfmRequests(PURCHASES_AS_OF, rfm.options);
    return new TextDecoder().decode(await layer.exportCsv(rfmExports(r, r.segments.map(segmentLabel)).rfm)).trim().split('\n').slice(1);
  };

  it('scores a, b, d and e on their purchases, money net of returns; c (returns only) is not a customer', async () => {
    const rfm = new RfmState();
    const layer = new QueryLayer(db);
    const rows = await layer.query({
      sql: `SELECT customer_id, recency_days, frequency, monetary, CAST(first_order_date AS VARCHAR) AS first_order_date,
  CAST(last_order_date AS VARCHAR) AS last_order_date, r_score, f_score, m_score FROM rfm_customers ORDER BY customer_id`,
      tables: [rfm.table(PURCHASES_AS_OF)],
    });
    expect(rows).toEqual(MEASURES);
    // RF grid by (R, F): a (1, 2) and d (2, 2) hibernating, b (3, 2) about to sleep, e (4, 1) promising.
    expect(await csv(layer, rfm)).toEqual([
      'a,50,2,40.00,1,2,3,123,Hibernating',
      'b,16,2,52.50,3,2,4,324,About to Sleep',
      'd,40,2,15.00,2,2,2,222,Hibernating',
      'e,1,1,10.00,4,1,1,411,Promising',
    ]);
  });

  it('names segments through bound parameters in the UI language, numbered from the given parameter', () => {
    const rfm = new RfmState();
    const name = rfm.segmentName('r.segment_key', 3);
    expect(name.sql).toMatch(/^CASE r\.segment_key WHEN 'champions' THEN CAST\(\$3 AS VARCHAR\) WHEN 'loyal' THEN CAST\(\$4 AS VARCHAR\)/);
    expect(name.params[0]).toBe('Champions');
    expect(name.params.at(-1)).toBe('Others');
    expect(name.sql).toContain(`WHEN 'others' THEN CAST($${3 + name.params.length - 1} AS VARCHAR) END`);
    const spec = rfm.table(PURCHASES_AS_OF);
    expect([spec.name, spec.deps?.map((d) => d.name), spec.deps?.[0].deps?.map((d) => d.name)]).toEqual(['rfm_customers', ['rfm_scores'], ['rfm_measures']]);
  });

  it('builds the measures once: a language change rebuilds nothing, a scheme change only rfm_customers, a scoring change the scores', async () => {
    const rfm = new RfmState();
    const layer = new QueryLayer(db);
    await Promise.all(all(rfm).map((q) => layer.query(q)));
    expect(layer.stats.builds).toEqual(['customer_facts', 'rfm_measures', 'rfm_scores', 'rfm_customers']);

    // The figures are language-free: answered from the cache; the export names its segments in Chinese.
    i18n.lang = 'zh';
    const executed = layer.stats.executed;
    await Promise.all(all(rfm).map((q) => layer.query(q)));
    expect(layer.stats.executed).toBe(executed);
    expect((await csv(layer, rfm))[0]).toBe('a,50,2,40.00,1,2,3,123,沉睡客户');
    expect(rfm.segmentName('segment_key', 1).params).toContain('沉睡客户');
    expect(layer.stats.builds).toEqual(['customer_facts', 'rfm_measures', 'rfm_scores', 'rfm_customers']);

    // Another scheme on the same scores: only the projection is rebuilt, nothing is sorted again.
    rfm.setScheme('rfm_package');
    await Promise.all(all(rfm).map((q) => layer.query(q)));
    expect(layer.stats.builds).toEqual(['customer_facts', 'rfm_measures', 'rfm_scores', 'rfm_customers', 'rfm_customers']);

    // Means R 107/4 = 26.75 days, F 7/4 = 1.75, M 117.5/4 = 29.375: a 011, b 111, d 010, e 100. The 8-class scheme
    // scores high/low against the mean: the scores are rebuilt, the measures are not.
    rfm.setScheme('eight_class');
    await Promise.all(all(rfm).map((q) => layer.query(q)));
    expect(layer.stats.builds.slice(5)).toEqual(['rfm_scores', 'rfm_customers']);
    expect((await csv(layer, rfm)).map((l) => l.split(',').slice(-2).join(','))).toEqual(['11,重要保持客户', '111,重要价值客户', '10,一般保持客户', '100,一般发展客户']);

    rfm.bins = 4;
    rfm.setScheme('rf_grid');
    await Promise.all(all(rfm).map((q) => layer.query(q)));
    expect(layer.stats.builds.filter((b) => b === 'rfm_measures')).toHaveLength(1);
    expect(layer.stats.builds.at(-1)).toBe('rfm_customers');
  });
});
