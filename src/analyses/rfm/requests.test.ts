import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { QueryLayer } from '../../query/query-layer';
import { rfmRequests, type RfmRequests } from './requests';
import { presetRules } from './presets';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels, type Scoring } from './settings';
import { RFM_CUSTOMERS } from './tables';
import { distributionSql } from './distribution';
import { heatmapSql } from './summary';
import { scoreRangesSql, splitValuesSql } from './thresholds';
import { paretoSql } from './tiers';

const requests = (scheme: 'rf_grid' | 'eight_class', scoring: Scoring = DEFAULT_SCORING) =>
  rfmRequests(FIXTURE_AS_OF, { scoring, rules: presetRules(scheme, scoreLevels(scoring)), tiers: DEFAULT_TIERS });
const READS = ['summary', 'ranges', 'split', 'heatmap', 'distribution', 'pareto', 'tiers'] as const;

describe('the RFM view’s reads', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  const all = (r: RfmRequests) => Promise.all(READS.map((k) => layer.query(r[k])));
  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('give what the same SQL gives over rfm_customers', async () => {
    const r = requests('rf_grid');
    const [, ranges, split, heatmap, distribution, pareto] = await all(r);
    await layer.ensure([r.table]);
    const levels = scoreLevels(DEFAULT_SCORING);
    expect(ranges).toEqual(await db.query(scoreRangesSql(levels, RFM_CUSTOMERS)));
    expect(split).toEqual(await db.query(splitValuesSql(RFM_CUSTOMERS)));
    expect(heatmap).toEqual(await db.query(heatmapSql(RFM_CUSTOMERS)));
    expect(distribution).toEqual(await db.query(distributionSql(20, RFM_CUSTOMERS)));
    expect(pareto).toEqual(await db.query(paretoSql(200, RFM_CUSTOMERS)));
  });

  it('ask again, after a new scheme, only for the segments and tiers; after new scores, not for the measures', async () => {
    const before = await all(requests('rf_grid'));
    const executed = layer.stats.executed;
    const scheme = await all(requests('eight_class'));
    // rfm_customers rebuilt for the scheme, then its two reads; rfm_scores and rfm_measures stay.
    expect(layer.stats.executed - executed).toBe(3);
    expect(layer.stats.builds.at(-1)).toBe('rfm_customers');
    READS.forEach((k, i) => {
      if (k !== 'summary' && k !== 'tiers') expect(scheme[i], k).toBe(before[i]);
    });
    const fourBins = await all(requests('eight_class', { ...DEFAULT_SCORING, bins: 4 }));
    const again = READS.filter((k, i) => fourBins[i] !== scheme[i]);
    expect(again).toEqual(['summary', 'ranges', 'heatmap', 'tiers']);
  });
});
