import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { QueryLayer } from '../../query/query-layer';
import { rfmCustomers } from './rfm-sql';
import { presetRules } from './presets';
import { scoreRangesSql } from './thresholds';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels, type Measure } from './settings';

const CSV = readFileSync(new URL('../../../public/samples/cdnow_sample.csv', import.meta.url), 'utf8');
const AS_OF = '1998-06-30';

/**
 * The measures worked out in plain JS from the CSV text: last purchase day, distinct purchase days, cents. CDNOW has
 * no returns, and its 8 orders of $0.00 each bought a CD (free goods): every line is a purchase.
 */
function measuresInJs(): Map<string, { r: number; f: number; m: number }> {
  const acc = new Map<string, { last: string; days: Set<string>; cents: number }>();
  for (const line of CSV.trim().split('\n').slice(1)) {
    const [id, date, , dollars] = line.split(',');
    const c = acc.get(id) ?? { last: '', days: new Set<string>(), cents: 0 };
    if (date > c.last) c.last = date;
    c.days.add(date);
    c.cents += Math.round(Number(dollars) * 100);
    acc.set(id, c);
  }
  const asOf = Date.UTC(1998, 5, 30);
  const out = new Map<string, { r: number; f: number; m: number }>();
  for (const [id, c] of acc) {
    const last = Date.UTC(Number(c.last.slice(0, 4)), Number(c.last.slice(4, 6)) - 1, Number(c.last.slice(6, 8)));
    out.set(id, { r: (asOf - last) / 86_400_000, f: c.days.size, m: c.cents });
  }
  return out;
}

/** Quantile scores by the formula, with the rank counted directly: 1 + customers strictly worse. */
function scoresInJs(values: number[], better: (a: number, b: number) => boolean, n: number): number[] {
  const sorted = [...values].sort((a, b) => (better(a, b) ? 1 : better(b, a) ? -1 : 0));
  const N = values.length;
  return values.map((v) => {
    let lo = 0;
    let hi = N;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(v, sorted[mid])) lo = mid + 1;
      else hi = mid;
    }
    return 1 + Math.floor((n * lo) / N);
  });
}

describe('RFM on the CDNOW sample, loaded as a user would', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('cdnow_sample.csv', CSV));
    // CDNOW has no returns: every order is a purchase, so the purchase definition leaves the measures as they were.
    const { spec } = rfmCustomers(AS_OF, { scoring: DEFAULT_SCORING, rules: presetRules('rf_grid', scoreLevels(DEFAULT_SCORING)), tiers: DEFAULT_TIERS });
    await new QueryLayer(db).ensure([spec]);
  });
  afterAll(() => db.close());

  it('has 2,357 customers, with measures equal to those computed from the raw lines', async () => {
    const js = measuresInJs();
    expect(js.size).toBe(2357);
    const rows = await db.query<{ customer_id: string; recency_days: number; frequency: number; monetary: number }>(
      'SELECT customer_id, recency_days, frequency, monetary FROM rfm_customers',
    );
    expect(rows.length).toBe(2357);
    for (const r of rows) {
      const j = js.get(r.customer_id)!;
      expect([r.customer_id, r.recency_days, r.frequency, Math.round(r.monetary * 100)]).toEqual([r.customer_id, j.r, j.f, j.m]);
    }
  });

  it('gives every customer the scores a direct count of worse customers gives', async () => {
    const js = measuresInJs();
    const ids = [...js.keys()];
    const expected: Record<Measure, number[]> = {
      r: scoresInJs(ids.map((id) => js.get(id)!.r), (a, b) => a < b, 5),
      f: scoresInJs(ids.map((id) => js.get(id)!.f), (a, b) => a > b, 5),
      m: scoresInJs(ids.map((id) => js.get(id)!.m), (a, b) => a > b, 5),
    };
    const rows = await db.query<{ customer_id: string; r_score: number; f_score: number; m_score: number }>(
      'SELECT customer_id, r_score, f_score, m_score FROM rfm_customers',
    );
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    ids.forEach((id, i) => {
      const r = byId.get(id)!;
      expect([id, r.r_score, r.f_score, r.m_score]).toEqual([id, expected.r[i], expected.f[i], expected.m[i]]);
    });
    // The score ranges table counts the same customers per score, empty scores included.
    const ranges = await db.query<{ measure: Measure; score: number; customers: number }>(scoreRangesSql(scoreLevels(DEFAULT_SCORING)));
    for (const m of ['r', 'f', 'm'] as const) {
      const counts = [1, 2, 3, 4, 5].map((s) => expected[m].filter((x) => x === s).length);
      expect(ranges.filter((x) => x.measure === m).map((x) => x.customers), m).toEqual(counts);
    }
  });

  it('leaves F scores 2 and 3 empty: most CDNOW customers bought on one day only', async () => {
    const ranges = await db.query<{ measure: string; score: number; customers: number; min_value: number | null }>(
      scoreRangesSql(scoreLevels(DEFAULT_SCORING)),
    );
    const f = ranges.filter((x) => x.measure === 'f');
    const oneDay = [...measuresInJs().values()].filter((x) => x.f === 1).length;
    expect(oneDay / 2357).toBeGreaterThan(0.4);
    expect(f[0]).toMatchObject({ score: 1, customers: oneDay, min_value: 1 });
    expect(f.filter((x) => x.customers === 0).map((x) => x.score)).toContain(2);
  });
});
