import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { MIGRATION_CSV, MIGRATION_FROM, MIGRATION_TO } from '../../../test/helpers/migration-fixture';
import { Dataset } from '../../ingest/loader';
import { QueryLayer } from '../../query/query-layer';
import { rfmCustomers, type RfmOptions } from '../rfm/rfm-sql';
import { customerFacts } from '../../model/customer-facts';
import { clusterFeatures } from '../segments/clusters';
import { clusterFeaturesSql, type ClusterModel } from '../segments/clusters-sql';
import { clusterPoints } from '../segments/kmeans';
import { presetRules } from '../rfm/presets';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels, type Rule, type Scoring } from '../rfm/settings';
import {
  defaultMigrationDates, migrationCellCustomersSql, migrationExportSql, migrationMatrixSql, migrationMoversSql,
  migrationNameSql, migrationRanksSql, migrationSummarySql, segmentMigration, type MigrationBy,
} from './migration-sql';

/*
 * Threshold scoring: R = 1 + (days ≤ 30) + (days ≤ 90), F = 1 + (purchases ≥ 2) + (purchases ≥ 4),
 * M = 1 + (money ≥ 100). Rules (no overlap, first match wins): best R3 F2–3, active R3 F1, lapsing R2, others the rest
 * (R1). Orders: best 0, active 1, lapsing 2, others 3, (new) 4.
 *
 * From-date 2024-04-01 (7 customers; c, h and i have no purchase up to it — i only a return):
 *   a last 03-20 12 d, 2 purchases, 110 → 3 2 2 best   (sum 7)
 *   b last 03-25  7 d, 2, 150          → 3 2 2 best   (7)
 *   d last 03-01 31 d, 1, 120          → 2 1 2 lapsing (5)
 *   e last 2023-12-01 122 d, 1, 20     → 1 1 1 others (3)
 *   f last 2023-11-15 138 d, 1, 40     → 1 1 1 others (3)
 *   g last 03-10 22 d, 1, 25           → 3 1 1 active (5)
 *   j last 04-01  0 d, 1, 100          → 3 1 2 active (6)
 * To-date 2024-06-30 (10 customers; e's 07-05 order is later):
 *   a last 06-20 10 d, 4, 180          → 3 3 2 best    (8)
 *   b last 03-25 97 d, 2, 150          → 1 2 2 others  (5)   stopped buying: drifts down
 *   c last 05-20 41 d, 1, 30           → 2 1 1 lapsing (4)   new
 *   d last 03-01 121 d, 1, 120 − 40    → 1 1 1 others  (3)   the cancellation takes M under 100
 *   e last 2023-12-01 212 d, 1, 20     → 1 1 1 others  (3)
 *   f last 06-25  5 d, 2, 130          → 3 2 2 best    (7)
 *   g last 06-05 25 d, 2, 50           → 3 2 1 best    (6)
 *   h last 04-15 76 d, 1, 10           → 2 1 1 lapsing (4)   new
 *   i last 06-28  2 d, 1, 200 − 15     → 3 1 2 active  (6)   new (a return only before the from-date)
 *   j last 04-01 90 d, 1, 100          → 2 1 2 lapsing (5)
 * Value ranks by the mean score sum at the to-date: best (8+7+6)/3 = 7 → 1, active 6 → 2, lapsing 13/3 → 3,
 * others 11/3 → 4.
 * Moves: a best→best, e others→others stay; f others→best, g active→best up; b best→others, d lapsing→others,
 * j active→lapsing down; c, h (new)→lapsing, i (new)→active.
 */
const SCORING: Scoring = { ...DEFAULT_SCORING, method: 'thresholds', thresholds: { r: [30, 90], f: [2, 4], m: [100] } };
const BEST: Rule = { key: 'best', name: 'Best', r: [3, 3], f: [2, 3], m: null };
const ACTIVE: Rule = { key: 'active', name: 'Active', r: [3, 3], f: [1, 1], m: null };
const LAPSING: Rule = { key: 'lapsing', name: 'Lapsing', r: [2, 2], f: null, m: null };
const OPTIONS: RfmOptions = { scoring: SCORING, rules: [BEST, ACTIVE, LAPSING], tiers: DEFAULT_TIERS };

describe('segment migration between two dates', () => {
  let db: NodeDb;
  let layer: QueryLayer;

  async function migrate(options: RfmOptions, by: MigrationBy, clusters?: ClusterModel) {
    const m = segmentMigration(MIGRATION_FROM, MIGRATION_TO, options, by, clusters);
    await layer.ensure([m.spec]);
    return m.axis;
  }

  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', MIGRATION_CSV));
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('defaults to the as-of date and 90 days before', () => {
    expect(defaultMigrationDates(MIGRATION_TO)).toEqual({ from: MIGRATION_FROM, to: MIGRATION_TO });
    expect(defaultMigrationDates('2024-03-01')).toEqual({ from: '2023-12-02', to: '2024-03-01' });
  });

  it('scores each date on its own data and keys every customer of the later date', async () => {
    await migrate(OPTIONS, 'segment');
    const rows = await db.query('SELECT customer_id, from_key, to_key, from_order, to_order, from_rank, to_rank, recency_days, frequency, monetary FROM segment_migration ORDER BY customer_id');
    expect(rows.map((r) => [r.customer_id, r.from_key, r.to_key, r.from_order, r.to_order, r.from_rank, r.to_rank])).toEqual([
      ['a', 'best', 'best', 0, 0, 1, 1],
      ['b', 'best', 'others', 0, 3, 1, 4],
      ['c', '(new)', 'lapsing', 4, 2, null, 3],
      ['d', 'lapsing', 'others', 2, 3, 3, 4],
      ['e', 'others', 'others', 3, 3, 4, 4],
      ['f', 'others', 'best', 3, 0, 4, 1],
      ['g', 'active', 'best', 1, 0, 2, 1],
      ['h', '(new)', 'lapsing', 4, 2, null, 3],
      ['i', '(new)', 'active', 4, 1, null, 2],
      ['j', 'active', 'lapsing', 1, 2, 2, 3],
    ]);
    expect(rows.find((r) => r.customer_id === 'd')).toMatchObject({ recency_days: 121, frequency: 1, monetary: 80 });
  });

  it('gives the matrix with row shares, (new) last', async () => {
    await migrate(OPTIONS, 'segment');
    expect(await db.query(migrationMatrixSql())).toEqual([
      { from_key: 'best', to_key: 'best', customers: 1, share_of_from: 0.5 },
      { from_key: 'best', to_key: 'others', customers: 1, share_of_from: 0.5 },
      { from_key: 'active', to_key: 'best', customers: 1, share_of_from: 0.5 },
      { from_key: 'active', to_key: 'lapsing', customers: 1, share_of_from: 0.5 },
      { from_key: 'lapsing', to_key: 'others', customers: 1, share_of_from: 1 },
      { from_key: 'others', to_key: 'best', customers: 1, share_of_from: 0.5 },
      { from_key: 'others', to_key: 'others', customers: 1, share_of_from: 0.5 },
      { from_key: '(new)', to_key: 'active', customers: 1, share_of_from: 0.3333 },
      { from_key: '(new)', to_key: 'lapsing', customers: 2, share_of_from: 0.6667 },
    ]);
    expect(await db.query(migrationSummarySql())).toEqual([{ customers: 10, staying: 2, moving_up: 2, moving_down: 3, new: 3 }]);
    expect((await db.query(migrationMoversSql('up'))).map((r) => r.customer_id)).toEqual(['f', 'g']);
    expect((await db.query(migrationMoversSql('down'))).map((r) => r.customer_id)).toEqual(['b', 'j', 'd']);
  });

  it('ranks segments by their mean score, not their place in the scheme', async () => {
    // The same segments listed the other way round: orders change, ranks and moves do not.
    await migrate({ ...OPTIONS, rules: [LAPSING, ACTIVE, BEST] }, 'segment');
    expect(await db.query(migrationRanksSql())).toEqual([
      { key: 'best', key_order: 2, value_rank: 1 },
      { key: 'active', key_order: 1, value_rank: 2 },
      { key: 'lapsing', key_order: 0, value_rank: 3 },
      { key: 'others', key_order: 3, value_rank: 4 },
    ]);
    expect(await db.query(migrationSummarySql())).toEqual([{ customers: 10, staying: 2, moving_up: 2, moving_down: 3, new: 3 }]);
    expect((await db.query(migrationMatrixSql())).map((r) => `${r.from_key}>${r.to_key}`)).toEqual([
      'lapsing>others', 'active>lapsing', 'active>best', 'best>best', 'best>others', 'others>best', 'others>others',
      '(new)>lapsing', '(new)>active',
    ]);
  });

  it('ranks a segment empty at the later date by its members at the earlier date', async () => {
    // "small" (R3 F1 M1) holds g at the from-date (sum 5) and nobody at the to-date; "rich" (R3 F1 M2) j, then i (6).
    const small: Rule = { key: 'small', name: 'Small', r: [3, 3], f: [1, 1], m: [1, 1] };
    const rich: Rule = { key: 'rich', name: 'Rich', r: [3, 3], f: [1, 1], m: [2, 2] };
    await migrate({ ...OPTIONS, rules: [BEST, small, rich, LAPSING] }, 'segment');
    expect((await db.query(migrationRanksSql())).map((r) => [r.key, r.value_rank])).toEqual([
      ['best', 1], ['rich', 2], ['small', 3], ['lapsing', 4], ['others', 5],
    ]);
    expect((await db.query('SELECT customer_id, from_key, to_key FROM segment_migration WHERE customer_id IN (\'g\', \'j\') ORDER BY 1'))).toEqual([
      { customer_id: 'g', from_key: 'small', to_key: 'best' }, { customer_id: 'j', from_key: 'rich', to_key: 'lapsing' },
    ]);
  });

  it('lists a cell’s customers, the most money first, and exports the matrix with names bound', async () => {
    const axis = await migrate(OPTIONS, 'segment');
    expect(await db.query(migrationCellCustomersSql(), ['(new)', 'lapsing'])).toEqual([
      { customer_id: 'c', from_key: '(new)', to_key: 'lapsing', recency_days: 41, frequency: 1, monetary: 30 },
      { customer_id: 'h', from_key: '(new)', to_key: 'lapsing', recency_days: 76, frequency: 1, monetary: 10 },
    ]);
    const { from, to } = migrationNameSql(axis, ['Best', 'Active', "Lapsing, 'or not'", 'Others']);
    const q = migrationExportSql(from, to);
    const text = new TextDecoder().decode(await layer.exportCsv(q));
    expect(text.trim().split('\n')).toEqual([
      'from_segment,to_segment,customers,share_of_from',
      'Best,Best,1,0.5',
      'Best,Others,1,0.5',
      'Active,Best,1,0.5',
      `Active,"Lapsing, 'or not'",1,0.5`,
      `"Lapsing, 'or not'",Others,1,1.0`,
      'Others,Best,1,0.5',
      'Others,Others,1,0.5',
      '(new),Active,1,0.3333',
      `(new),"Lapsing, 'or not'",2,0.6667`,
    ]);
  });

  it('migrates A/B/C tiers', async () => {
    /*
     * From (N = 7, A: rank ≤ ⌈1.4⌉ = 2, B: ≤ ⌈3.5⌉ = 4): b 150, d 120 A; a 110, j 100 B; f 40, g 25, e 20 C.
     * To (N = 10, A ≤ 2, B ≤ 5): i 185, a 180 A; b 150, f 130, j 100 B; d 80, g 50, c 30, e 20, h 10 C.
     */
    await migrate(OPTIONS, 'tier');
    expect(await db.query(migrationMatrixSql())).toEqual([
      { from_key: 'A', to_key: 'B', customers: 1, share_of_from: 0.5 },
      { from_key: 'A', to_key: 'C', customers: 1, share_of_from: 0.5 },
      { from_key: 'B', to_key: 'A', customers: 1, share_of_from: 0.5 },
      { from_key: 'B', to_key: 'B', customers: 1, share_of_from: 0.5 },
      { from_key: 'C', to_key: 'B', customers: 1, share_of_from: 0.3333 },
      { from_key: 'C', to_key: 'C', customers: 2, share_of_from: 0.6667 },
      { from_key: '(new)', to_key: 'A', customers: 1, share_of_from: 0.3333 },
      { from_key: '(new)', to_key: 'C', customers: 2, share_of_from: 0.6667 },
    ]);
    // Up: a B→A, f C→B; down: b A→B, d A→C; staying: e, g C→C, j B→B.
    expect(await db.query(migrationSummarySql())).toEqual([{ customers: 10, staying: 3, moving_up: 2, moving_down: 2, new: 3 }]);
  });

  it.each([
    ['RF grid, quantile scores', 'rf_grid', DEFAULT_SCORING],
    ['8 classes, median splits', 'eight_class', { ...DEFAULT_SCORING, method: 'median' }],
  ] as const)('scores each date as the RFM view does with it as the as-of date (%s)', async (_, scheme, scoring) => {
    const options: RfmOptions = { scoring, rules: presetRules(scheme, scoreLevels(scoring)), tiers: DEFAULT_TIERS };
    const view = async (asOf: string) => {
      const rows = await layer.query<{ customer_id: string; segment_key: string; tier: string }>({
        sql: 'SELECT customer_id, segment_key, tier FROM rfm_customers ORDER BY customer_id', tables: [rfmCustomers(asOf, options).spec],
      });
      return Object.fromEntries(rows.map((r) => [r.customer_id, r]));
    };
    const at = { to: await view(MIGRATION_TO), from: await view(MIGRATION_FROM) };
    for (const by of ['segment', 'tier'] as const) {
      await migrate(options, by);
      const rows = await db.query<{ customer_id: string; from_key: string; to_key: string }>('SELECT customer_id, from_key, to_key FROM segment_migration ORDER BY customer_id');
      const field = by === 'tier' ? 'tier' : 'segment_key';
      expect(rows.map((r) => [r.customer_id, r.to_key])).toEqual(Object.values(at.to).map((r) => [r.customer_id, r[field]]));
      expect(rows.map((r) => [r.customer_id, r.from_key])).toEqual(
        Object.keys(at.to).map((id) => [id, at.from[id] ? at.from[id][field] : '(new)']),
      );
    }
    // Not every customer in one segment: the comparison means something.
    expect(new Set(Object.values(at.to).map((r) => r.segment_key)).size).toBeGreaterThan(2);
  });

  it('migrates clusters, each date assigned to the nearest centre', async () => {
    /*
     * sd 0 for frequency and monetary: only z = ln(1 + recency days) counts. Centres ln 11 (cluster 1) and ln 101
     * (cluster 2) meet at ln(1 + d) = (ln 11 + ln 101) / 2, d = √1111 − 1 ≈ 32.3: cluster 1 is recency ≤ 32 days.
     * From: a 12, b 7, d 31, g 22, j 0 → 1; e 122, f 138 → 2.
     * To: a 10, f 5, g 25, i 2 → 1; b 97, c 41, d 121, e 212, h 76, j 90 → 2.
     */
    const model: ClusterModel = { mean: [0, 5, 5], sd: [1, 0, 0], centroids: [[Math.log(11), 0, 0], [Math.log(101), 0, 0]] };
    const axis = await migrate(OPTIONS, 'cluster', model);
    expect(axis.map((s) => s.key)).toEqual(['1', '2']);
    const rows = await db.query('SELECT customer_id, from_key, to_key, from_rank, to_rank FROM segment_migration ORDER BY customer_id');
    expect(rows.map((r) => `${r.customer_id}:${r.from_key}>${r.to_key}`)).toEqual([
      'a:1>1', 'b:1>2', 'c:(new)>2', 'd:1>2', 'e:2>2', 'f:2>1', 'g:1>1', 'h:(new)>2', 'i:(new)>1', 'j:1>2',
    ]);
    expect(rows.find((r) => r.customer_id === 'b')).toMatchObject({ from_rank: 1, to_rank: 2 });
    expect(await db.query(migrationSummarySql())).toEqual([{ customers: 10, staying: 3, moving_up: 1, moving_down: 3, new: 3 }]);
    expect(await db.query(migrationMatrixSql())).toEqual([
      { from_key: '1', to_key: '1', customers: 2, share_of_from: 0.4 },
      { from_key: '1', to_key: '2', customers: 3, share_of_from: 0.6 },
      { from_key: '2', to_key: '1', customers: 1, share_of_from: 0.5 },
      { from_key: '2', to_key: '2', customers: 1, share_of_from: 0.5 },
      { from_key: '(new)', to_key: '1', customers: 1, share_of_from: 0.3333 },
      { from_key: '(new)', to_key: '2', customers: 2, share_of_from: 0.6667 },
    ]);
  });

  it('puts each customer at the fit’s date in the cluster k-means gave it', async () => {
    const rows = await layer.query<{ customer_id: string; recency_days: number; frequency: number; monetary: number }>(
      { sql: clusterFeaturesSql(), params: [MIGRATION_TO], tables: [customerFacts(MIGRATION_TO)] });
    const fit = clusterPoints(clusterFeatures(rows.map((r) => r.recency_days), rows.map((r) => r.frequency), rows.map((r) => r.monetary)), 3, { k: 3, seed: 42, kMin: 2, kMax: 3 });
    expect(new Set(fit.labels).size).toBe(3);
    await migrate(OPTIONS, 'cluster', { mean: fit.mean, sd: fit.sd, centroids: fit.centroids });
    const moved = await db.query<{ customer_id: string; to_key: string }>('SELECT customer_id, to_key FROM segment_migration ORDER BY customer_id');
    expect(moved.map((r) => [r.customer_id, r.to_key])).toEqual(rows.map((r, i) => [r.customer_id, String(fit.labels[i]! + 1)]));
  });
});
