import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { Dataset } from '../../ingest/loader';
import { QueryLayer } from '../../query/query-layer';
import { readCdnowFixture } from '../../../test/helpers/cdnow';
import { bgNbdTotalLogLik, expectedPurchases, unconditionalExpected } from './bgnbd';
import { purchaseCountProbabilities } from './bgnbd-pmf';
import { DAYS_PER_MONTH } from './clv';
import { fitFrequency, fitPareto, localEngine, predictTriples, type ClvFits, type ParetoFit } from './compute';
import { BOUNDARY_TOLERANCE, predictionModelOf, predictor } from './frequency-model';
import { fitClv, fitParetoClv, prepareClv, scoreClv, type ClvData, type ClvRun } from './model';
import { nbdCountProbabilities, nbdTotalLogLik } from './nbd';
import { loadValidation } from './validation';

const fixture = (name: string) => new URL(`../../../test/fixtures/clv/${name}`, import.meta.url);
/**
 * A shop whose BG/NBD and Pareto/NBD likelihoods peak where nobody drops out (600 customers, simulated without
 * dropout; `make_reference.py`). SciPy's search (multi-start Nelder-Mead) and its profile likelihood establish that
 * the maximum is at the limit, and give the NBD fit there.
 */
const ref = JSON.parse(readFileSync(fixture('boundary_reference.json'), 'utf8'));
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const key = { asOf: ref.as_of as string, unit: 'weeks' as const, horizonMonths: 12, monthlyDiscount: 0.01 };

describe('the fixture: its likelihood maximum is at the boundary (SciPy)', () => {
  it('has no BG/NBD or Pareto/NBD fit with dropout better than the NBD', () => {
    expect(ref.bgnbd_best.logLik - ref.nbd.logLik).toBeLessThan(1e-6);
    // SciPy's Pareto/NBD search, its best point's likelihood computed again by mpmath in the integral form.
    expect(ref.pnbd_best.logLik_mpmath - ref.nbd.logLik).toBeLessThan(1e-6);
    expect(ref.bgnbd_best.dropout).toBeLessThan(1e-6);
    // The profile likelihood over the mean dropout a/(a+b) rises all the way to the NBD's as it goes to 0.
    const profile: { dropout: number; logLik: number }[] = ref.bgnbd_profile;
    profile.forEach((p, i) => i > 0 && expect(p.logLik).toBeGreaterThan(profile[i - 1].logLik));
    expect(profile.every((p) => p.logLik <= ref.nbd.logLik + 1e-9)).toBe(true);
    expect(ref.nbd.logLik - profile.at(-1)!.logLik).toBeLessThan(1e-3);
  });
});

describe('CLV at the boundary', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  let data: ClvData;
  let fits: ClvFits;
  let pareto: ParetoFit;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('boundary_transactions.csv', new Uint8Array(readFileSync(fixture('boundary_transactions.csv')))));
    layer = new QueryLayer(db);
    data = await prepareClv(layer, ref.as_of, 'weeks');
    fits = await fitClv(localEngine, data);
    pareto = await fitParetoClv(localEngine, data);
  });
  afterAll(() => db.close());

  it('summarises the purchases as the reference script does', () => {
    expect(data.customers).toBe(ref.customers);
    expect(data.triples.x.reduce((s, x, i) => s + x * data.triples.n[i], 0)).toBe(ref.repeat_purchases);
    expect(data.holdoutPurchases).toBe(ref.holdout_purchases);
    expect(data.lastDate).toBe(ref.last_date);
  });

  it('detects the BG/NBD fit at the boundary and fits its limit, the NBD, as SciPy does', () => {
    const b = fits.bg.boundary!;
    expect(b.kind).toBe('nbd');
    expect(b.gain).toBeLessThanOrEqual(BOUNDARY_TOLERANCE);
    expect(b.dropout).toBeLessThan(1e-4);
    expect(rel(b.limit.params.r, ref.nbd.r)).toBeLessThan(1e-6);
    expect(rel(b.limit.params.alpha, ref.nbd.alpha)).toBeLessThan(1e-6);
    expect(Math.abs(b.limit.logLik - ref.nbd.logLik)).toBeLessThan(1e-6);
    // The BG/NBD optimiser got as close to the limit as the box lets it.
    expect(fits.bg.logLik).toBeLessThanOrEqual(ref.nbd.logLik + 1e-6);
    expect(ref.nbd.logLik - fits.bg.logLik).toBeLessThan(1e-3);
    expect(predictionModelOf('bgnbd', fits.bg)).toEqual({ kind: 'nbd', params: b.limit.params });
  });

  it('detects the Pareto/NBD fit at the boundary too (s/β → 0), with the same limit', () => {
    const b = pareto.pnbd.boundary!;
    expect(b.kind).toBe('nbd');
    expect(rel(b.limit.params.r, ref.nbd.r)).toBeLessThan(1e-6);
    expect(Math.abs(pareto.pnbd.logLik - ref.nbd.logLik)).toBeLessThan(1e-3);
  });

  it('has the likelihood SciPy has along the profile towards the boundary', () => {
    const groups = Array.from(data.triples.x, (x, i) => ({ x, tx: data.triples.txDays[i] / 7, T: data.triples.TDays[i] / 7, weight: data.triples.n[i] }));
    for (const p of ref.bgnbd_profile) expect(Math.abs(bgNbdTotalLogLik(p, groups) - p.logLik)).toBeLessThan(1e-6);
    expect(Math.abs(nbdTotalLogLik(ref.nbd, groups) - ref.nbd.logLik)).toBeLessThan(1e-7);
  });

  it('gives every customer P(alive) = 1 and the NBD expectations, exactly', async () => {
    await scoreClv(layer, localEngine, { data, fits }, { ...key, model: 'bgnbd' });
    const rows = await db.query<{ customer_id: string; p_alive: number; expected_purchases: number; discounted_purchases: number; holdout_expected: number }>(
      'SELECT customer_id, p_alive, expected_purchases, discounted_purchases, holdout_expected FROM clv_customers ORDER BY customer_id',
    );
    expect(rows).toHaveLength(ref.customers);
    expect(rows.every((r) => r.p_alive === 1)).toBe(true);
    // The 26-week holdout: Σ (r + x)/(α + T) · 26 over the customers.
    expect(rel(rows.reduce((s, r) => s + r.holdout_expected, 0), ref.holdout_expected_nbd)).toBeLessThan(1e-6);
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    for (const c of ref.predictions) {
      const r = byId.get(c.customer_id)!;
      expect(rel(r.discounted_purchases, c.discounted_12m_1pct)).toBeLessThan(1e-6);
      expect(rel(r.expected_purchases, (c.expected_39 / 39) * ((12 * DAYS_PER_MONTH) / 7))).toBeLessThan(1e-6);
      // BG/NBD with a fixed and b → ∞ tends to these NBD expectations (mpmath's hyp2f1 at b = 10⁴, 10⁶, 10⁸). At
      // b = 10⁸ the BG/NBD formula itself cancels to 1e-8 of its size: the reason the limit has closed forms here.
      const far: number[] = c.bg_expected_39_a05_b1e4_1e6_1e8;
      [1e4, 1e6, 1e8].forEach((b, i) => expect(rel(expectedPurchases({ ...ref.nbd, a: 0.5, b }, 39, c.x, c.t_x, c.T), far[i])).toBeLessThan(i < 2 ? 1e-8 : 1e-6));
      expect(rel(far[2], c.expected_39)).toBeLessThan(1e-6);
    }
  });

  it('validates both models at their limit: the holdout and calibration check use the NBD forms', async () => {
    const v = await loadValidation(layer, localEngine, { data, fits }, pareto);
    expect(v.predictions).toEqual({ bgnbd: 'nbd', pnbd: 'nbd' });
    expect(rel(v.comparison!.expected_bgnbd!, ref.holdout_expected_nbd)).toBeLessThan(1e-6);
    expect(v.comparison!.actual).toBe(ref.holdout_purchases);
    // The expected calibration counts are Σ over customers of NB(x; r, α/(α+T)).
    const periods = new Map<number, number>();
    data.triples.TDays.forEach((T, i) => periods.set(T, (periods.get(T) ?? 0) + data.triples.n[i]));
    const expected = new Array(7).fill(0);
    for (const [T, n] of periods) nbdCountProbabilities(ref.nbd, T / 7, 6).forEach((p, k) => (expected[k] += n * p));
    v.calibration.forEach((c, k) => expect(rel(c.expected_bgnbd!, expected[k])).toBeLessThan(1e-6));
  });

});

describe('BG/NBD at its other boundary: one dropout probability for everyone', () => {
  /** 800 customers who all leave after a purchase with probability 0.15 (`make_reference.py`, seed 5). */
  const common = JSON.parse(readFileSync(fixture('common_dropout_reference.json'), 'utf8'));
  let data: ClvData;
  let fits: ClvFits;
  beforeAll(async () => {
    const db = await NodeDb.create();
    await new Dataset(db).add(fileOf('common_dropout_transactions.csv', new Uint8Array(readFileSync(fixture('common_dropout_transactions.csv')))));
    data = await prepareClv(new QueryLayer(db), common.as_of, 'weeks');
    fits = await fitClv(localEngine, data);
    db.close();
  });

  it('finds, as SciPy does, the likelihood highest as a and b grow together, and fits that limit (r, α, p)', () => {
    // The fixture: SciPy's BG/NBD search ends at a, b ~ 10¹², no better than the limit's fit.
    expect(common.bgnbd_best.logLik - common.common.logLik).toBeLessThan(1e-6);
    expect(common.bgnbd_best.a).toBeGreaterThan(1e9);
    expect(common.common.logLik - common.nbd.logLik).toBeGreaterThan(50);
    const b = fits.bg.boundary!;
    expect(b.kind).toBe('common');
    if (b.kind !== 'common') return;
    expect(rel(b.limit.params.r, common.common.r)).toBeLessThan(1e-5);
    expect(rel(b.limit.params.alpha, common.common.alpha)).toBeLessThan(1e-5);
    expect(rel(b.limit.params.p, common.common.p)).toBeLessThan(1e-5);
    expect(Math.abs(b.limit.logLik - common.common.logLik)).toBeLessThan(1e-5);
    expect(predictionModelOf('bgnbd', fits.bg).kind).toBe('bg-common');
  });

  it('predicts with the closed forms of the limit what BG/NBD gives at a, b = 10⁹ (p, 1 − p) with mpmath', () => {
    const b = fits.bg.boundary!;
    if (b.kind !== 'common') throw new Error('not the common-dropout limit');
    const model = predictor({ kind: 'bg-common', params: common.common });
    for (const c of common.predictions) {
      expect(rel(model.pAlive(c.x, c.t_x, c.T), c.p_alive_a_b_1e9)).toBeLessThan(1e-6);
      expect(rel(model.expected(39, c.x, c.t_x, c.T), c.expected_39_a_b_1e9)).toBeLessThan(1e-6);
    }
    // The counts of the limit against BG/NBD's at a + b = 10⁹ (its Beta ratios now summed term by term).
    const { r, alpha, p } = common.common;
    const far = purchaseCountProbabilities({ r, alpha, a: 1e9 * p, b: 1e9 * (1 - p) }, 30, 6);
    model.counts(30, 6).forEach((v, k) => expect(Math.abs(v - far[k])).toBeLessThan(1e-7));
    expect(rel(model.unconditional(30), unconditionalExpected({ r, alpha, a: 1e9 * p, b: 1e9 * (1 - p) }, 30))).toBeLessThan(1e-6);
    // Scoring every customer: nothing fails (the ₂F₁ series cannot be summed at a, b in the billions).
    const out = predictTriples({ model: predictionModelOf('bgnbd', fits.bg), triples: data.triples, unitDays: 7, horizonMonths: 12, monthlyDiscount: 0.01, holdoutDays: 182 });
    expect(out.failed).toBe(0);
  });
});

describe('a fit with clear dropout is not at a boundary', () => {
  it('leaves CDNOW inside the parameter space for both models', () => {
    const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
    const col = (f: (c: Record<string, number>) => number) => Float64Array.from(cbs, f);
    const triples = { x: col((c) => c.x), txDays: col((c) => c.t_x * 7), TDays: col((c) => c.T_cal * 7), n: col(() => 1) };
    const { bg } = fitFrequency({ triples, spend: { x: triples.x, m: triples.x, n: triples.n }, unitDays: 7 });
    expect(bg.boundary).toBeNull();
    expect(fitPareto({ triples, unitDays: 7 }).pnbd.boundary).toBeNull();
  });
});

describe('scoring 100,000 customers at the boundary', () => {
  it('takes closed forms only: well under a second for 100,000 distinct histories', () => {
    const size = 100_000;
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const triples = { x: new Float64Array(size), txDays: new Float64Array(size), TDays: new Float64Array(size), n: new Float64Array(size).fill(1) };
    for (let i = 0; i < size; i++) {
      triples.TDays[i] = 1 + Math.floor(next() * 720);
      triples.txDays[i] = Math.floor(next() * triples.TDays[i]);
      triples.x[i] = triples.txDays[i] > 0 ? 1 + Math.floor(next() * 60) : 0;
    }
    const model = { kind: 'nbd' as const, params: { r: ref.nbd.r, alpha: ref.nbd.alpha } };
    const out = predictTriples({ model, triples, unitDays: 7, horizonMonths: 12, monthlyDiscount: 0.01, holdoutDays: 182 });
    console.log(`predictTriples at the boundary: ${size} histories in ${out.ms.toFixed(1)} ms`);
    expect(out.failed).toBe(0);
    expect(out.ms).toBeLessThan(1000);
    expect(out.p_alive.every((p) => p === 1)).toBe(true);
  });

  it('builds clv_customers for 100,000 customers from the predictions in well under a second more', async () => {
    const db = await NodeDb.create();
    const layer = new QueryLayer(db);
    // 100,000 customers with 1–6 purchase days in 2023 (orders written directly, as the model would build them).
    await db.exec(`CREATE TABLE orders AS
SELECT printf('c%06d', i) AS customer_id, printf('o%06d_%d', i, j) AS order_id,
  TIMESTAMP '2023-01-01' + INTERVAL (hash(i, j) % 360) DAY AS order_ts, CAST(TIMESTAMP '2023-01-01' + INTERVAL (hash(i, j) % 360) DAY AS DATE) AS order_date,
  CAST(10 + hash(j, i) % 90 AS DECIMAL(18,2)) AS amount, 1 AS lines, 1.0 AS items, 'purchase' AS kind,
  NULL::VARCHAR AS channel, NULL::VARCHAR AS region, NULL::VARCHAR AS payment
FROM range(100000) a(i), range(6) b(j) WHERE j <= hash(i) % 6`);
    const data = await prepareClv(layer, '2023-12-31', 'weeks');
    expect(data.customers).toBe(100_000);
    const limit = { params: { r: ref.nbd.r, alpha: ref.nbd.alpha }, logLik: ref.nbd.logLik, converged: true };
    const run: ClvRun = {
      data,
      fits: {
        bg: { params: { r: ref.nbd.r, alpha: ref.nbd.alpha, a: 1e-9, b: 1e9 }, logLik: ref.nbd.logLik, converged: false, customers: 1e5, groups: 0, boundary: { kind: 'nbd', dropout: 1e-18, limit, gain: 0 } },
        gg: { params: { p: 6.25, q: 3.74, v: 15.44 }, logLik: NaN, converged: true, customers: 1, excluded: 0 },
        bgMs: 0,
        ggMs: 0,
      },
    };
    const t0 = performance.now();
    const scored = await scoreClv(layer, localEngine, run, { asOf: '2023-12-31', unit: 'weeks', horizonMonths: 12, monthlyDiscount: 0.01, model: 'bgnbd' });
    const ms = performance.now() - t0;
    console.log(`scoring 100,000 customers at the boundary (${data.triples.x.length} distinct histories): predictions ${scored.predictMs.toFixed(1)} ms, with clv_customers built ${ms.toFixed(0)} ms`);
    expect(scored.model.kind).toBe('nbd');
    expect(scored.predictMs).toBeLessThan(1000);
    const [{ n, alive }] = await db.query<{ n: number; alive: number }>('SELECT count(*) AS n, count(*) FILTER (WHERE p_alive = 1) AS alive FROM clv_customers');
    expect([n, alive]).toEqual([100_000, 100_000]);
    db.close();
  });
});
