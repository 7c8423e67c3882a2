import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { QueryLayer } from '../../query/query-layer';
import { rfmCustomers, rfmExportSql, rfmMeasures, segmentCustomersExportSql } from './rfm-sql';
import { presetRules } from './presets';
import { segmentNameSql, type Segment } from './segments';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels, type Rule, type Scoring } from './settings';

type Row = { customer_id: string; r_score: number; f_score: number; m_score: number; rfm_score: number; segment: string };

// Test names: a typed name, else the segment key (the app names preset segments in the UI language).
const names = (segments: Segment[]) => segments.map((s) => s.name ?? s.key);

/*
 * Measures (see the fixture): A 0/2/150, B 0/1/20, C 59/2/50, E 10/1/40, F 59/1/40, G 1/4/275, H 60/1/10,
 * I 20/2/120, J 304/1/5 (recency days / purchases / net money); D has only a return and is not scored. N = 9.
 */
describe('RFM SQL on the hand-worked fixture', () => {
  let db: NodeDb;
  let layer: QueryLayer;

  async function build(scoring: Scoring, rules?: Rule[]): Promise<Record<string, Row>> {
    const { spec, segments } = rfmCustomers(FIXTURE_AS_OF, { scoring, rules: rules ?? presetRules('rf_grid', scoreLevels(scoring)), tiers: DEFAULT_TIERS });
    const name = segmentNameSql(segments, names(segments), 'segment_key', 1);
    const rows = await layer.query<Row>({ sql: `SELECT *, ${name.sql} AS segment FROM rfm_customers ORDER BY customer_id`, params: name.params, tables: [spec] });
    return Object.fromEntries(rows.map((r) => [r.customer_id, r]));
  }
  const pick = (rows: Record<string, Row>, f: (r: Row) => unknown) => Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, f(r)]));

  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
    layer = new QueryLayer(db);
    await layer.ensure([rfmMeasures(FIXTURE_AS_OF)]);
  });
  afterAll(() => db.close());

  it('counts purchases only for recency and frequency, nets returns in monetary, and scores only customers with a purchase', async () => {
    const rows = await db.query('SELECT customer_id, recency_days, frequency, monetary, first_order_date, last_order_date FROM rfm_measures ORDER BY customer_id');
    // C's return o6 (03-21) is not its last order: its last purchase is o5 on 02-01, 59 days before 03-31, and it
    // has 2 purchases; its money is 30 + 30 − 10 = 50. D (a return only) is absent.
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.frequency, r.monetary])).toEqual([
      ['A', 0, 2, 150], ['B', 0, 1, 20], ['C', 59, 2, 50], ['E', 10, 1, 40],
      ['F', 59, 1, 40], ['G', 1, 4, 275], ['H', 60, 1, 10], ['I', 20, 2, 120], ['J', 304, 1, 5],
    ]);
    expect(rows.find((r) => r.customer_id === 'C')).toMatchObject({ first_order_date: '2024-01-01', last_order_date: '2024-02-01' });
    const [types] = await db.query<{ t: string }>(`SELECT typeof(monetary) AS t FROM rfm_measures LIMIT 1`);
    expect(types.t).toMatch(/^DECIMAL\(\d+,2\)$/);
  });

  it('gives RANK-based quantile scores: ties equal, so some scores stay empty', async () => {
    const rows = await build(DEFAULT_SCORING);
    // score = 1 + floor(5 × (rank − 1) / 9). R ranks (worst first): J1 H2 C=F3 I5 E6 G7 A=B8 → 1 1 2 2 3 3 4 4 4.
    expect(pick(rows, (r) => r.r_score)).toEqual({ A: 4, B: 4, C: 2, E: 3, F: 2, G: 4, H: 1, I: 3, J: 1 });
    // Five one-time buyers share rank 1 (score 1); 2 purchases rank 6 → 1 + floor(25/9) = 3; G's 4 rank 9 → 5.
    expect(pick(rows, (r) => r.f_score)).toEqual({ A: 3, B: 1, C: 3, E: 1, F: 1, G: 5, H: 1, I: 3, J: 1 });
    // M ranks: J1 H2 B3 E=F4 C6 I7 A8 G9 → 1 1 2 2 2 3 4 4 5.
    expect(pick(rows, (r) => r.m_score)).toEqual({ A: 4, B: 2, C: 3, E: 2, F: 2, G: 5, H: 1, I: 4, J: 1 });
    expect(pick(rows, (r) => r.rfm_score)).toEqual({ A: 434, B: 412, C: 233, E: 312, F: 212, G: 455, H: 111, I: 334, J: 111 });
  });

  it('puts each customer in the RF grid segment of its R and F scores', async () => {
    const rows = await build(DEFAULT_SCORING);
    // (R, F): A (4,3) B (4,1) C (2,3) E (3,1) F (2,1) G (4,5) H (1,1) I (3,3) J (1,1).
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'potential_loyalists', B: 'promising', C: 'at_risk', E: 'about_to_sleep',
      F: 'hibernating', G: 'loyal', H: 'hibernating', I: 'need_attention', J: 'hibernating',
    });
  });

  it('splits by the mean for the 8-class scheme (R mean 513/9 = 57 days, F 15/9 ≈ 1.67, M 710/9 ≈ 78.9)', async () => {
    const scoring: Scoring = { ...DEFAULT_SCORING, method: 'mean' };
    const rows = await build(scoring, presetRules('eight_class', scoreLevels(scoring)));
    // R high: ≤ 57 days (A, B, E, G, I); F high: ≥ 2 purchases (A, C, G, I); M high: ≥ 78.9 (A, G, I).
    expect(pick(rows, (r) => `${r.r_score}${r.f_score}${r.m_score}`)).toEqual({
      A: '111', B: '100', C: '010', E: '100', F: '000', G: '111', H: '000', I: '111', J: '000',
    });
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'important_value', B: 'general_development', C: 'general_retention', E: 'general_development',
      F: 'general_winback', G: 'important_value', H: 'general_winback', I: 'important_value', J: 'general_winback',
    });
    expect(rows.C.rfm_score).toBe(10);
    expect(rows.F.rfm_score).toBe(0);
  });

  it('splits by the median (R 20 days, F 1 so every customer is F-high, M 40 with ties at 40 high)', async () => {
    const scoring: Scoring = { ...DEFAULT_SCORING, method: 'median' };
    const rows = await build(scoring, presetRules('eight_class', scoreLevels(scoring)));
    // Sorted R 0 0 1 10 20 59 59 60 304, F 1 1 1 1 1 2 2 2 4, M 5 10 20 40 40 50 120 150 275: the 5th values.
    expect(pick(rows, (r) => `${r.r_score}${r.f_score}${r.m_score}`)).toEqual({
      A: '111', B: '110', C: '011', E: '111', F: '011', G: '111', H: '010', I: '111', J: '010',
    });
    expect(rows.C.segment).toBe('important_retention');
    expect(rows.B.segment).toBe('general_value');
  });

  it('splits by values typed per measure, and scores by typed cut points', async () => {
    let rows = await build({ ...DEFAULT_SCORING, method: 'split', split: { r: 30, f: 2, m: 50 } }, presetRules('eight_class', { r: [0, 1], f: [0, 1], m: [0, 1] }));
    // R ≤ 30 days: A, B, E, G, I; F ≥ 2: A, C, G, I; M ≥ 50: A, C, G, I.
    expect(pick(rows, (r) => `${r.r_score}${r.f_score}${r.m_score}`)).toEqual({
      A: '111', B: '100', C: '011', E: '100', F: '000', G: '111', H: '000', I: '111', J: '000',
    });
    // R ≤ 7 / 30 / 90 days, F ≥ 2 / 4 purchases, M ≥ 0 money: scores 1 + cut points passed.
    rows = await build({ ...DEFAULT_SCORING, method: 'thresholds', thresholds: { r: [90, 7, 30], f: [2, 4], m: [0] } }, []);
    expect(pick(rows, (r) => r.rfm_score)).toEqual({ A: 422, B: 412, C: 222, E: 312, F: 212, G: 432, H: 212, I: 322, J: 112 });
    expect(pick(rows, (r) => r.segment)).toEqual(Object.fromEntries('ABCEFGHIJ'.split('').map((c) => [c, 'others'])));
  });

  it('applies editable rules in order, first match wins, merges same-named rules and leaves the rest in Others', async () => {
    const vip: Rule = { name: 'VIP', r: [4, 5], f: null, m: [4, 5] };
    const recent: Rule = { name: 'Recent', r: [4, 5], f: null, m: null };
    const big: Rule = { name: 'Big', r: null, f: null, m: [4, 4] };
    // (R, M): A (4,4) B (4,2) C (2,3) E (3,2) F (2,2) G (4,5) H (1,1) I (3,4) J (1,1).
    let rows = await build(DEFAULT_SCORING, [vip, recent, big]);
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'VIP', B: 'Recent', C: 'others', E: 'others', F: 'others', G: 'VIP', H: 'others', I: 'Big', J: 'others',
    });
    rows = await build(DEFAULT_SCORING, [recent, vip, big]);
    expect([rows.A.segment, rows.G.segment, rows.B.segment]).toEqual(['Recent', 'Recent', 'Recent']);
    rows = await build(DEFAULT_SCORING, [vip, { ...big, name: 'VIP' }]);
    expect(pick(rows, (r) => r.segment)).toMatchObject({ A: 'VIP', G: 'VIP', I: 'VIP', B: 'others', C: 'others' });
    // The last build is the table in the database now.
    const keys = await db.query('SELECT DISTINCT segment_key, segment_order FROM rfm_customers ORDER BY segment_order');
    expect(keys).toEqual([{ segment_key: 'rule_1', segment_order: 0 }, { segment_key: 'others', segment_order: 1 }]);
  });

  it('applies the R package rfm scheme on R, F and M', async () => {
    const rows = await build(DEFAULT_SCORING, presetRules('rfm_package', scoreLevels(DEFAULT_SCORING)));
    // (R, F, M): A 4,3,4 loyal; B 4,1,2 potential; C 2,3,3 loyal; E 3,1,2 potential; F 2,1,2 about to sleep;
    // G 4,5,5 champions; H and J 1,1,1 lost; I 3,3,4 loyal.
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'loyal', B: 'potential_loyalists', C: 'loyal', E: 'potential_loyalists', F: 'about_to_sleep',
      G: 'champions', H: 'lost', I: 'loyal', J: 'lost',
    });
  });

  it('keeps the segment names out of the table and binds them as data, not SQL', async () => {
    const rows = await build(DEFAULT_SCORING, [{ name: "O'Brien'); DROP TABLE transactions; --", r: null, f: null, m: null }]);
    expect(rows.A.segment).toBe("O'Brien'); DROP TABLE transactions; --");
    expect((await db.query('SELECT count(*) AS n FROM transactions'))[0].n).toBe(19);
    const columns = await db.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE rfm_customers)`);
    expect(columns.map((c) => c.column_name)).not.toContain('segment');
  });

  it('exports rfm.csv with the contract’s columns, money with 2 decimals, segment names bound', async () => {
    const { spec, segments } = rfmCustomers(FIXTURE_AS_OF, { scoring: DEFAULT_SCORING, rules: presetRules('rf_grid', scoreLevels(DEFAULT_SCORING)), tiers: DEFAULT_TIERS });
    const q = rfmExportSql(segmentNameSql(segments, names(segments), 'segment_key', 1));
    const text = new TextDecoder().decode(await layer.exportCsv({ ...q, tables: [spec] }));
    expect(text.trim().split('\n')).toEqual([
      'customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_score,segment',
      'A,0,2,150.00,4,3,4,434,potential_loyalists',
      'B,0,1,20.00,4,1,2,412,promising',
      'C,59,2,50.00,2,3,3,233,at_risk',
      'E,10,1,40.00,3,1,2,312,about_to_sleep',
      'F,59,1,40.00,2,1,2,212,hibernating',
      'G,1,4,275.00,4,5,5,455,loyal',
      'H,60,1,10.00,1,1,1,111,hibernating',
      'I,20,2,120.00,3,3,4,334,need_attention',
      'J,304,1,5.00,1,1,1,111,hibernating',
    ]);
    const seg = segmentCustomersExportSql('hibernating', segmentNameSql(segments, names(segments), 'segment_key', 2));
    // Most money first: F 40, H 10, J 5.
    expect((await layer.query({ ...seg, tables: [spec] })).map((r) => [r.customer_id, r.segment, r.tier])).toEqual([
      ['F', 'hibernating', 'B'], ['H', 'hibernating', 'C'], ['J', 'hibernating', 'C'],
    ]);
  });
});
