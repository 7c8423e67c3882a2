import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createFixture, FIXTURE_AS_OF } from '../../../test/fixtures/rfm/transactions';
import { createRfmCustomersSql, createRfmMeasuresSql, rfmExportSql, segmentCustomersExportSql } from './rfm-sql';
import { presetRules } from './presets';
import { DEFAULT_SCORING, DEFAULT_TIERS, scoreLevels, type Rule, type Scoring } from './settings';

type Row = { customer_id: string; r_score: number; f_score: number; m_score: number; rfm_score: number; segment: string };

describe('RFM SQL on the hand-worked fixture', () => {
  let db: NodeDb;
  const nameOf = (r: Rule) => r.name ?? r.key ?? '';

  async function build(scoring: Scoring, rules?: Rule[], fromTransactions = false): Promise<Record<string, Row>> {
    const q = createRfmCustomersSql({
      scoring,
      rules: rules ?? presetRules('rf_grid', scoreLevels(scoring)),
      nameOf,
      othersName: 'Others',
      tiers: DEFAULT_TIERS,
      asOf: fromTransactions ? FIXTURE_AS_OF : undefined,
    });
    await db.query(q.sql, q.params);
    const rows = await db.query<Row>('SELECT * FROM rfm_customers ORDER BY customer_id');
    return Object.fromEntries(rows.map((r) => [r.customer_id, r]));
  }
  const pick = (rows: Record<string, Row>, f: (r: Row) => unknown) => Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, f(r)]));

  beforeAll(async () => {
    db = await NodeDb.create();
    await createFixture(db);
    await db.query(createRfmMeasuresSql(), [FIXTURE_AS_OF]);
  });
  afterAll(() => db.close());

  it('computes recency (0 on the as-of day), distinct orders and net money, leaving out later orders', async () => {
    const rows = await db.query('SELECT customer_id, recency_days, frequency, monetary FROM rfm_measures ORDER BY customer_id');
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.frequency, r.monetary])).toEqual([
      ['A', 0, 2, 150], ['B', 0, 1, 20], ['C', 10, 3, 50], ['D', 91, 1, -5], ['E', 10, 1, 40],
      ['F', 59, 1, 40], ['G', 1, 4, 275], ['H', 60, 1, 10], ['I', 20, 2, 120], ['J', 304, 1, 5],
    ]);
    const [types] = await db.query<{ t: string }>(`SELECT typeof(monetary) AS t FROM rfm_measures LIMIT 1`);
    expect(types.t).toMatch(/^DECIMAL\(\d+,2\)$/);
  });

  it('gives RANK-based quantile scores: ties equal, one-time buyers leave F scores 2 and 3 empty', async () => {
    const rows = await build(DEFAULT_SCORING);
    // R ranks (worst first): J1 D2 H3 F4 I5 C=E6 G8 A=B9 → 1 + floor((rank − 1) / 2).
    expect(pick(rows, (r) => r.r_score)).toEqual({ A: 5, B: 5, C: 3, D: 1, E: 3, F: 2, G: 4, H: 2, I: 3, J: 1 });
    // Six one-time buyers share rank 1 (score 1); frequency 2 has rank 7 → 4; 3 and 4 have ranks 9, 10 → 5.
    expect(pick(rows, (r) => r.f_score)).toEqual({ A: 4, B: 1, C: 5, D: 1, E: 1, F: 1, G: 5, H: 1, I: 4, J: 1 });
    // M ranks: D(−5)1 J2 H3 B4 E=F5 C7 I8 A9 G10.
    expect(pick(rows, (r) => r.m_score)).toEqual({ A: 5, B: 2, C: 4, D: 1, E: 3, F: 3, G: 5, H: 2, I: 4, J: 1 });
    expect(pick(rows, (r) => r.rfm_score)).toEqual({ A: 545, B: 512, C: 354, D: 111, E: 313, F: 213, G: 455, H: 212, I: 344, J: 111 });
  });

  it('computes the same table straight from transactions when given the as-of date', async () => {
    const viaMeasures = await build(DEFAULT_SCORING);
    expect(await build(DEFAULT_SCORING, undefined, true)).toEqual(viaMeasures);
  });

  it('puts each customer in the RF grid segment of its R and F scores', async () => {
    const rows = await build(DEFAULT_SCORING);
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'champions', B: 'new_customers', C: 'loyal', D: 'hibernating', E: 'about_to_sleep',
      F: 'hibernating', G: 'loyal', H: 'hibernating', I: 'loyal', J: 'hibernating',
    });
  });

  it('splits by the mean for the 8-class scheme (R mean 55.5 days, F mean 1.7, M mean 70.5)', async () => {
    const scoring: Scoring = { ...DEFAULT_SCORING, method: 'mean' };
    const rows = await build(scoring, presetRules('eight_class', scoreLevels(scoring)));
    expect(pick(rows, (r) => `${r.r_score}${r.f_score}${r.m_score}`)).toEqual({
      A: '111', B: '100', C: '110', D: '000', E: '100', F: '000', G: '111', H: '000', I: '111', J: '000',
    });
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'important_value', B: 'general_development', C: 'general_value', D: 'general_winback', E: 'general_development',
      F: 'general_winback', G: 'important_value', H: 'general_winback', I: 'important_value', J: 'general_winback',
    });
    expect(rows.C.rfm_score).toBe(110);
    expect(rows.D.rfm_score).toBe(0);
  });

  it('splits by the median (R 15 days, F 1 so every customer is F-high, M 40 with ties at 40 high)', async () => {
    const scoring: Scoring = { ...DEFAULT_SCORING, method: 'median' };
    const rows = await build(scoring, presetRules('eight_class', scoreLevels(scoring)));
    expect(pick(rows, (r) => `${r.r_score}${r.f_score}${r.m_score}`)).toEqual({
      A: '111', B: '110', C: '111', D: '010', E: '111', F: '011', G: '111', H: '010', I: '011', J: '010',
    });
    expect(rows.I.segment).toBe('important_retention');
    expect(rows.B.segment).toBe('general_value');
  });

  it('splits by values typed per measure, and scores by typed cut points', async () => {
    let rows = await build({ ...DEFAULT_SCORING, method: 'split', split: { r: 30, f: 2, m: 50 } }, presetRules('eight_class', { r: [0, 1], f: [0, 1], m: [0, 1] }));
    expect(pick(rows, (r) => `${r.r_score}${r.f_score}${r.m_score}`)).toEqual({
      A: '111', B: '100', C: '111', D: '000', E: '100', F: '000', G: '111', H: '000', I: '111', J: '000',
    });
    // R ≤ 7 / 30 / 90 days, F ≥ 2 / 4 orders, M ≥ 0 money: scores 1 + cut points passed.
    rows = await build({ ...DEFAULT_SCORING, method: 'thresholds', thresholds: { r: [90, 7, 30], f: [2, 4], m: [0] } }, []);
    expect(pick(rows, (r) => r.rfm_score)).toEqual({ A: 422, B: 412, C: 322, D: 111, E: 312, F: 212, G: 432, H: 212, I: 322, J: 112 });
    expect(pick(rows, (r) => r.segment)).toEqual(Object.fromEntries('ABCDEFGHIJ'.split('').map((c) => [c, 'Others'])));
  });

  it('applies editable rules in order, first match wins, merges same-named rules and leaves the rest in Others', async () => {
    const vip: Rule = { name: 'VIP', r: [4, 5], f: null, m: [4, 5] };
    const recent: Rule = { name: 'Recent', r: [4, 5], f: null, m: null };
    const big: Rule = { name: 'Big', r: null, f: null, m: [4, 4] };
    let rows = await build(DEFAULT_SCORING, [vip, recent, big]);
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'VIP', B: 'Recent', C: 'Big', D: 'Others', E: 'Others', F: 'Others', G: 'VIP', H: 'Others', I: 'Big', J: 'Others',
    });
    rows = await build(DEFAULT_SCORING, [recent, vip, big]);
    expect([rows.A.segment, rows.G.segment, rows.B.segment]).toEqual(['Recent', 'Recent', 'Recent']);
    rows = await build(DEFAULT_SCORING, [vip, { ...big, name: 'VIP' }]);
    expect(pick(rows, (r) => r.segment)).toMatchObject({ A: 'VIP', C: 'VIP', I: 'VIP', B: 'Others' });
    const keys = await db.query('SELECT DISTINCT segment_key, segment_order FROM rfm_customers ORDER BY segment_order');
    expect(keys).toEqual([{ segment_key: 'rule_1', segment_order: 0 }, { segment_key: 'others', segment_order: 1 }]);
  });

  it('applies the R package rfm scheme on R, F and M (F: 2,1,3 matches no rule)', async () => {
    const rows = await build(DEFAULT_SCORING, presetRules('rfm_package', scoreLevels(DEFAULT_SCORING)));
    expect(pick(rows, (r) => r.segment)).toEqual({
      A: 'champions', B: 'potential_loyalists', C: 'loyal', D: 'lost', E: 'potential_loyalists',
      F: 'Others', G: 'champions', H: 'about_to_sleep', I: 'loyal', J: 'lost',
    });
  });

  it('binds segment names as data, not SQL', async () => {
    const rows = await build(DEFAULT_SCORING, [{ name: "O'Brien'); DROP TABLE transactions; --", r: null, f: null, m: null }]);
    expect(rows.A.segment).toBe("O'Brien'); DROP TABLE transactions; --");
    expect((await db.query('SELECT count(*) AS n FROM transactions'))[0].n).toBe(19);
  });

  it('exports rfm.csv with the contract’s columns, money with 2 decimals', async () => {
    await build(DEFAULT_SCORING);
    const text = new TextDecoder().decode(await db.exportCsv(rfmExportSql()));
    expect(text.trim().split('\n')).toEqual([
      'customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_score,segment',
      'A,0,2,150.00,5,4,5,545,champions',
      'B,0,1,20.00,5,1,2,512,new_customers',
      'C,10,3,50.00,3,5,4,354,loyal',
      'D,91,1,-5.00,1,1,1,111,hibernating',
      'E,10,1,40.00,3,1,3,313,about_to_sleep',
      'F,59,1,40.00,2,1,3,213,hibernating',
      'G,1,4,275.00,4,5,5,455,loyal',
      'H,60,1,10.00,2,1,2,212,hibernating',
      'I,20,2,120.00,3,4,4,344,loyal',
      'J,304,1,5.00,1,1,1,111,hibernating',
    ]);
    const seg = await db.query(segmentCustomersExportSql(), ['hibernating']);
    expect(seg.map((r) => r.customer_id)).toEqual(['F', 'H', 'J', 'D']);
  });
});
