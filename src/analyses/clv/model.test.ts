import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_AS_OF, cdnowDb, readCdnowFixture } from '../../../test/helpers/cdnow';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { localEngine, type ClvFits } from './compute';
import { QueryLayer } from '../../query/query-layer';
import { clvExportRequest, DEFAULT_CLV_SETTINGS, fitClv, prepareClv, scoreClv, usableSpendParams, type ClvData, type ClvRun } from './model';
import type { ScoreKey } from './tables';

const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
const predictions = readCdnowFixture('cdnow_btyd_cbs_predictions.csv');
/** The CLV of the predictions' parameters with the app's month (365.25/12 days): SciPy, test/fixtures/cdnow/scipy_reference.py. */
const clvAppMonths = readCdnowFixture('cdnow_clv_app_months.csv');
const WALKTHROUGH = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const GG_FIXTURE = { p: 6.25, q: 3.74, v: 15.44 };
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const key = (asOf: string, unit: ScoreKey['unit'] = 'weeks'): ScoreKey => ({
  asOf,
  unit,
  horizonMonths: DEFAULT_CLV_SETTINGS.horizonMonths,
  monthlyDiscount: DEFAULT_CLV_SETTINGS.monthlyDiscount,
  model: 'bgnbd',
});
/** The CLV at a 100 % margin, under the name the export gives it. */
const CLV = 'clv_full_margin AS clv';

interface CustomerRow {
  customer_id: string;
  frequency: number;
  recency: number;
  T: number;
  monetary_value: number;
  p_alive: number;
  expected_purchases: number;
  expected_avg_value: number | null;
  clv: number | null;
  holdout_purchases: number;
  holdout_expected: number;
}

/** clv_customers in BTYD's customer order (the order of the sample file). */
async function customersInBtydOrder(db: NodeDb): Promise<CustomerRow[]> {
  return db.query<CustomerRow & Record<string, unknown>>(
    `SELECT c.*, ${CLV} FROM clv_customers c JOIN (SELECT customer_id, min(row_number) AS k FROM transactions GROUP BY ALL) o USING (customer_id) ORDER BY o.k`,
  );
}

describe('CLV pipeline on CDNOW as of 1997-09-30 in weeks', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  let data: ClvData;
  let fits: ClvFits;
  beforeAll(async () => {
    db = await cdnowDb();
    layer = new QueryLayer(db);
    data = await prepareClv(layer, CDNOW_AS_OF, 'weeks');
    fits = await fitClv(localEngine, data);
  });
  afterAll(() => db.close());

  it('groups the 2,357 customers and finds the 39-week holdout with its 1,882 repeat transactions', () => {
    expect(data.customers).toBe(2357);
    expect(data.triples.n.reduce((s, v) => s + v, 0)).toBe(2357);
    expect(data.triples.x.length).toBeLessThan(1100);
    expect(data.repeatBuyers).toBe(946);
    expect(data.spendCustomers).toBe(946);
    expect(data.holdoutDays).toBe(39 * 7);
    expect(data.lastDate).toBe('1998-06-30');
    expect(data.holdoutPurchases).toBe(1882);
  });

  it('fits the published BG/NBD and Gamma-Gamma parameters', () => {
    const { bg, gg } = fits;
    expect(bg.converged).toBe(true);
    expect(bg.customers).toBe(2357);
    expect(Math.abs(bg.params.r - 0.2426)).toBeLessThan(5e-5);
    expect(Math.abs(bg.params.alpha - 4.4136)).toBeLessThan(5e-5);
    expect(Math.abs(bg.params.a - 0.7929)).toBeLessThan(5e-5);
    expect(Math.abs(bg.params.b - 2.4259)).toBeLessThan(5e-5);
    expect(Math.abs(bg.logLik - -9582.43)).toBeLessThan(0.005);
    // Beyond the published digits: an independent SciPy fit of the same likelihood (test/fixtures/cdnow/scipy_reference.py)
    // gives r 0.2425945, α 4.4136019, a 0.7929220, b 2.4259069, LL −9582.4292.
    expect(rel(bg.params.r, 0.2425945)).toBeLessThan(1e-5);
    expect(rel(bg.params.alpha, 4.4136019)).toBeLessThan(1e-5);
    expect(rel(bg.params.a, 0.792922)).toBeLessThan(1e-5);
    expect(rel(bg.params.b, 2.4259069)).toBeLessThan(1e-5);
    expect(Math.abs(bg.logLik - -9582.4292)).toBeLessThan(1e-4);
    expect(gg.converged).toBe(true);
    expect(gg.customers).toBe(946);
    expect(Math.abs(gg.params.p - 6.2496)).toBeLessThan(5e-5);
    expect(Math.abs(gg.params.q - 3.7442)).toBeLessThan(5e-5);
    expect(Math.abs(gg.params.v - 15.4435)).toBeLessThan(5e-5);
    // Published −4055.92; the SciPy fit (scipy_reference.py) gives −4055.9177.
    expect(Math.abs(gg.logLik - -4055.92)).toBeLessThan(0.005);
    expect(Math.abs(gg.logLik - -4055.9177)).toBeLessThan(1e-4);
  });

  it('measures the spend–frequency correlation in SQL', () => {
    // numpy.corrcoef of x and m_x over the 946 repeat buyers of cdnowSummary_cbs.csv (scipy_reference.py).
    expect(Math.abs(data.correlation! - 0.113887919391255)).toBeLessThan(1e-12);
  });

  it('scores every customer: P(alive) and 39-week expectations match the reference', async () => {
    await scoreClv(layer, localEngine, { data, fits }, key(CDNOW_AS_OF));
    const rows = await customersInBtydOrder(db);
    expect(rows).toHaveLength(2357);
    rows.forEach((r, i) => {
      const c = predictions[i];
      expect([r.frequency, r.recency, r.T]).toEqual([cbs[i].x, cbs[i].t_x, cbs[i].T_cal]);
      expect(rel(r.p_alive, c.bg_palive)).toBeLessThan(1e-3);
      expect(rel(r.holdout_expected, c.bg_cet39)).toBeLessThan(1e-3);
      expect(r.holdout_purchases).toBe(cbs[i].x_star);
    });
    const predicted = rows.reduce((s, r) => s + r.holdout_expected, 0);
    expect(Math.abs(predicted - 1653.4)).toBeLessThan(1);
  });

  it('reproduces the reference exactly with its parameters, spend and CLV included', async () => {
    const run: ClvRun = { data, fits: { ...fits, bg: { ...fits.bg, params: WALKTHROUGH } } };
    await scoreClv(layer, localEngine, run, key(CDNOW_AS_OF), { spend: GG_FIXTURE });
    const rows = await customersInBtydOrder(db);
    rows.forEach((r, i) => {
      const c = predictions[i];
      expect(rel(r.p_alive, c.bg_palive)).toBeLessThan(1e-7);
      expect(rel(r.holdout_expected, c.bg_cet39)).toBeLessThan(1e-7);
      expect(rel(r.expected_avg_value!, c.gg_exp_avg_value)).toBeLessThan(1e-8);
      // The reference's months are 4.345 weeks; ours 365.25/12 days (4.348 weeks): within 1e-3 of it, and equal to the
      // same formulas evaluated with our month by SciPy (cdnow_clv_app_months.csv).
      expect(rel(r.clv!, c.clv_bg_12m_d01_freqW)).toBeLessThan(1e-3);
      expect(clvAppMonths[i].id).toBe(c.id);
      expect(rel(r.clv!, clvAppMonths[i].clv_bg_12m_d01_month_365_25_over_12_days)).toBeLessThan(1e-7);
    });
  });

  it('gives the published single-customer values', async () => {
    const spreadsheet = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    await scoreClv(layer, localEngine, { data, fits: { ...fits, bg: { ...fits.bg, params: spreadsheet } } }, key(CDNOW_AS_OF));
    const [first] = await db.query<CustomerRow & Record<string, unknown>>(`SELECT *, ${CLV} FROM clv_customers WHERE customer_id = '00004'`);
    expect([first.frequency, first.recency, first.T]).toEqual([2, 213 / 7, 272 / 7]);
    expect(Math.abs(first.holdout_expected - 1.226)).toBeLessThan(5e-4);
    expect(Math.abs(first.p_alive - 0.7266)).toBeLessThan(5e-5);

    // BTYD walkthrough, customer 1516 (x 26, t_x 30.857, T 31) over 52 weeks.
    await scoreClv(layer, localEngine, { data, fits: { ...fits, bg: { ...fits.bg, params: WALKTHROUGH } } }, key(CDNOW_AS_OF), { holdoutDays: 52 * 7 });
    const rows = await customersInBtydOrder(db);
    const c1516 = rows[1515];
    expect([c1516.frequency, c1516.recency, c1516.T]).toEqual([26, 216 / 7, 31]);
    expect(Math.abs(c1516.holdout_expected - 25.7566)).toBeLessThan(5e-4);
    expect(Math.abs(c1516.p_alive - 0.96885)).toBeLessThan(5e-6);
  });

  it('exports clv.csv with the contract columns, one row per customer, in full precision', async () => {
    const { table } = await scoreClv(layer, localEngine, { data, fits }, key(CDNOW_AS_OF));
    const request = clvExportRequest(table, 0.5);
    const text = new TextDecoder().decode(await layer.exportCsv(request));
    const [header, ...lines] = text.trim().split('\n');
    expect(header).toBe('customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_avg_value,clv');
    expect(lines).toHaveLength(2357);
    const rows = await layer.query<CustomerRow & Record<string, unknown>>(request);
    // The margin applies to the exported CLV only: half the CLV at a 100 % margin.
    const full = await db.query<{ clv: number | null }>(`SELECT ${CLV} FROM clv_customers ORDER BY customer_id`);
    rows.forEach((r, i) => expect(r.clv).toBe(full[i].clv === null ? null : 0.5 * full[i].clv!));
    lines.forEach((line, i) => {
      const cells = line.split(',');
      const r = rows[i];
      expect(cells[0]).toBe(r.customer_id);
      const numbers = [r.frequency, r.recency, r.T, r.monetary_value, r.p_alive, r.expected_purchases, r.expected_avg_value, r.clv];
      expect(cells.slice(1).map(Number)).toEqual(numbers);
    });
    expect(lines[0].startsWith('00004,2,30.428571428571427,38.857142857142854,22.345,')).toBe(true);
  });
});

describe('CLV pipeline in days', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  beforeAll(async () => {
    db = await cdnowDb();
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('fits the same model: α in days is 7 × α in weeks, and the log-likelihood shifts by Σx · ln 7', async () => {
    const weeks = await fitClv(localEngine, await prepareClv(layer, CDNOW_AS_OF, 'weeks'));
    const days = await fitClv(localEngine, await prepareClv(layer, CDNOW_AS_OF, 'days'));
    expect(rel(days.bg.params.r, weeks.bg.params.r)).toBeLessThan(1e-5);
    expect(rel(days.bg.params.alpha, 7 * weeks.bg.params.alpha)).toBeLessThan(1e-5);
    expect(rel(days.bg.params.a, weeks.bg.params.a)).toBeLessThan(1e-5);
    expect(rel(days.bg.params.b, weeks.bg.params.b)).toBeLessThan(1e-5);
    const totalX = cbs.reduce((s, c) => s + c.x, 0);
    expect(Math.abs(days.bg.logLik - (weeks.bg.logLik - totalX * Math.log(7)))).toBeLessThan(1e-4);
  });

  it('gives the same CLV per customer as in weeks', async () => {
    const read = () => db.query<{ customer_id: string; clv: number }>(`SELECT customer_id, ${CLV} FROM clv_customers ORDER BY customer_id`);
    const dataW = await prepareClv(layer, CDNOW_AS_OF, 'weeks');
    await scoreClv(layer, localEngine, { data: dataW, fits: await fitClv(localEngine, dataW) }, key(CDNOW_AS_OF));
    const inWeeks = await read();
    const dataD = await prepareClv(layer, CDNOW_AS_OF, 'days');
    await scoreClv(layer, localEngine, { data: dataD, fits: await fitClv(localEngine, dataD) }, key(CDNOW_AS_OF, 'days'));
    const inDays = await read();
    inDays.forEach((r, i) => expect(rel(r.clv, inWeeks[i].clv)).toBeLessThan(1e-4));
  });
});

describe('CLV pipeline on awkward data', () => {
  it('leaves spend and CLV empty, not NaN, when no customer bought twice', async () => {
    const db = await NodeDb.create();
    await new Dataset(db).add(fileOf('once.csv', 'customer_id,order_date,amount\na,2024-01-01,10\nb,2024-01-05,20\nc,2024-02-01,30\n'));
    const layer = new QueryLayer(db);
    const data = await prepareClv(layer, '2024-03-01', 'weeks');
    expect([data.customers, data.repeatBuyers, data.correlation]).toEqual([3, 0, null]);
    const fits = await fitClv(localEngine, data);
    expect(fits.bg.message).toMatch(/no customer made a repeat purchase/);
    expect(fits.gg.message).toMatch(/cannot be fitted/);
    expect(usableSpendParams(fits)).toBeNull();
    await scoreClv(layer, localEngine, { data, fits }, key('2024-03-01'));
    const rows = await db.query<CustomerRow & Record<string, unknown>>(`SELECT *, ${CLV} FROM clv_customers`);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.p_alive).toBe(1);
      expect(r.expected_avg_value).toBeNull();
      expect(r.clv).toBeNull();
      expect(Number.isFinite(r.expected_purchases)).toBe(true);
    }
    db.close();
  });

  it('gives no spend when Gamma-Gamma has q ≤ 1', () => {
    const fits = {
      bg: { params: WALKTHROUGH, logLik: -1, converged: true, customers: 10, groups: 3 },
      gg: { params: { p: 2, q: 0.8, v: 5 }, logLik: -1, converged: true, customers: 10, excluded: 0 },
      bgMs: 0,
      ggMs: 0,
    };
    expect(usableSpendParams(fits)).toBeNull();
    expect(usableSpendParams({ ...fits, gg: { ...fits.gg, params: GG_FIXTURE } })).toEqual(GG_FIXTURE);
  });
});
