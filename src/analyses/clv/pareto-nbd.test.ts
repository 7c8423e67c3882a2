import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCdnowFixture } from '../../../test/helpers/cdnow';
import { groupFrequency } from './group';
import { diagnostics } from './compute';
import {
  fitParetoNbd,
  paretoNbdCountProbabilities,
  paretoNbdExpected,
  paretoNbdLogLik,
  paretoNbdPAlive,
  paretoNbdTotalLogLik,
  paretoNbdUnconditional,
  type ParetoNbdParams,
} from './pareto-nbd';
import { gammaln } from './special';

const fixture = (name: string) => new URL(`../../../test/fixtures/clv/${name}`, import.meta.url);
/** SciPy's values (test/fixtures/clv/make_reference.py): an implementation of the same papers sharing no code with this one. */
const scipy = JSON.parse(readFileSync(fixture('pnbd_cdnow_reference.json'), 'utf8'));
const scipyPredictions = readFileSync(fixture('pnbd_cdnow_predictions.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',').map(Number));
const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
const lifetimes = readCdnowFixture('cdnow_btyd_cbs_predictions.csv');
/** Fader, Hardie & Lee (2005), "A note on implementing the Pareto/NBD model": the CDNOW fit, in weeks. */
const PUBLISHED: ParetoNbdParams = { r: 0.5533, alpha: 10.5777, s: 0.6062, beta: 11.6687 };
/** The BTYD walkthrough's Pareto/NBD estimate behind the lifetimes fixture's columns (see validation.test.ts). */
const PNBD_WALKTHROUGH: ParetoNbdParams = { r: 0.55339714, alpha: 10.58019854, s: 0.6060625, beta: 11.65622367 };
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const groups = groupFrequency(
  cbs.map((c) => c.x),
  cbs.map((c) => c.t_x),
  cbs.map((c) => c.T_cal),
);

describe('Pareto/NBD likelihood', () => {
  it('gives the published log-likelihood at the published parameters, as SciPy does', () => {
    const ll = paretoNbdTotalLogLik(PUBLISHED, groups);
    expect(Math.abs(ll - -9594.98)).toBeLessThan(0.005);
    expect(Math.abs(ll - scipy.logLik_at_published)).toBeLessThan(1e-7);
  });

  it('is the integral form Γ(r+x)α^rβ^s/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s∫_{t_x}^T (α+τ)^−(r+x)(β+τ)^−(s+1) dτ]', () => {
    // The same likelihood derived over the unobserved dropout time τ, integrated here by Simpson's rule.
    for (const [p, x, tx, T] of [
      [PUBLISHED, 2, 30.43, 38.86],
      [PUBLISHED, 0, 0, 20],
      [{ r: 2, alpha: 1, s: 0.5, beta: 40 }, 7, 3, 50],
      [{ r: 0.4, alpha: 30, s: 3, beta: 2 }, 1, 10, 12],
    ] as [ParetoNbdParams, number, number, number][]) {
      const { r, alpha, s, beta } = p;
      const steps = 20_000;
      const h = (T - tx) / steps;
      const f = (tau: number) => (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1);
      let integral = f(tx) + f(T);
      for (let k = 1; k < steps; k++) integral += (k % 2 ? 4 : 2) * f(tx + k * h);
      integral *= h / 3;
      const L = Math.exp(gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta)) * ((alpha + T) ** -(r + x) * (beta + T) ** -s + s * integral);
      expect(Math.abs(paretoNbdLogLik(p, x, tx, T) - Math.log(L))).toBeLessThan(1e-10);
    }
  });

  it('stays exact where α and β are far apart (₂F₁ near z = 1, as at the boundary), as mpmath integrates it', () => {
    const cases: { params: number[]; x: number; t_x: number; T: number; logLik: number; p_alive: number }[] = scipy.far_apart_mpmath;
    expect(cases).toHaveLength(12);
    for (const c of cases) {
      const [r, alpha, s, beta] = c.params;
      const p = { r, alpha, s, beta };
      expect(Math.abs(paretoNbdLogLik(p, c.x, c.t_x, c.T) - c.logLik)).toBeLessThan(1e-9 * Math.max(1, Math.abs(c.logLik)));
      expect(rel(paretoNbdPAlive(p, c.x, c.t_x, c.T), c.p_alive)).toBeLessThan(1e-8);
    }
  });

  it('gives the same total for grouped and ungrouped customers', () => {
    const ungrouped = cbs.map((c) => ({ x: c.x, tx: c.t_x, T: c.T_cal, weight: 1 }));
    expect(Math.abs(paretoNbdTotalLogLik(PUBLISHED, groups) - paretoNbdTotalLogLik(PUBLISHED, ungrouped))).toBeLessThan(1e-8);
  });
});

describe('fitParetoNbd on CDNOW', () => {
  const fit = fitParetoNbd(groups);

  it('reproduces the published fit: r, α and s and the log-likelihood tightly, β (the flat direction) loosely', () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    // Published to 4 decimals: within half a unit of the last digit.
    expect(Math.abs(fit.params.r - 0.5533)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.alpha - 10.5777)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.s - 0.6062)).toBeLessThan(5e-5);
    expect(Math.abs(fit.logLik - -9594.98)).toBeLessThan(0.005);
    // The likelihood hardly changes along β: the BTYD walkthrough stops at 11.6562, 0.1 % away.
    expect(Math.abs(fit.params.beta - 11.6687)).toBeLessThan(0.05);
  });

  it('reaches the optimum SciPy finds', () => {
    expect(fit.logLik).toBeGreaterThanOrEqual(scipy.scipy_fit.logLik - 1e-6);
    expect(rel(fit.params.r, scipy.scipy_fit.r)).toBeLessThan(1e-4);
    expect(rel(fit.params.s, scipy.scipy_fit.s)).toBeLessThan(1e-4);
  });

  it('is a maximum: nudging any parameter lowers the log-likelihood', () => {
    for (const key of ['r', 'alpha', 's', 'beta'] as const) {
      for (const f of [0.999, 1.001]) {
        expect(paretoNbdTotalLogLik({ ...fit.params, [key]: fit.params[key] * f }, groups)).toBeLessThan(fit.logLik);
      }
    }
  });
});

describe('Pareto/NBD predictions', () => {
  it('match SciPy customer by customer at the published parameters (P(alive), 39-week expectation)', () => {
    expect(scipyPredictions).toHaveLength(2357);
    cbs.forEach((c, i) => {
      const [id, pAlive, cet] = scipyPredictions[i];
      expect(id).toBe(c.id);
      expect(rel(paretoNbdPAlive(PUBLISHED, c.x, c.t_x, c.T_cal), pAlive)).toBeLessThan(1e-9);
      expect(rel(paretoNbdExpected(PUBLISHED, 39, c.x, c.t_x, c.T_cal), cet)).toBeLessThan(1e-9);
    });
  });

  it('match the lifetimes reference at the BTYD walkthrough parameters', () => {
    cbs.forEach((c, i) => {
      expect(rel(paretoNbdPAlive(PNBD_WALKTHROUGH, c.x, c.t_x, c.T_cal), lifetimes[i].pnbd_palive)).toBeLessThan(1e-7);
      expect(rel(paretoNbdExpected(PNBD_WALKTHROUGH, 39, c.x, c.t_x, c.T_cal), lifetimes[i].pnbd_cet39)).toBeLessThan(1e-7);
    });
  });

  it('give E[X(t)] of a new customer, and at s = 1 its limit (r/α) β ln(1 + t/β)', () => {
    for (const [t, v] of Object.entries(scipy.unconditional_at_published) as [string, number][]) {
      expect(rel(paretoNbdUnconditional(PUBLISHED, Number(t)), v)).toBeLessThan(1e-12);
    }
    const one = { r: 0.5, alpha: 10, s: 1, beta: 12 };
    expect(rel(paretoNbdUnconditional(one, 39), (0.5 / 10) * 12 * Math.log1p(39 / 12))).toBeLessThan(1e-12);
    expect(rel(paretoNbdUnconditional({ ...one, s: 1 + 1e-9 }, 39), paretoNbdUnconditional(one, 39))).toBeLessThan(1e-8);
  });

  it('give P(X(t) = x) as SciPy integrates it over the lifetime, summing to 1 with the mean E[X(t)]', () => {
    for (const [t, ps] of Object.entries(scipy.pmf_at_published) as [string, number[]][]) {
      const p = paretoNbdCountProbabilities(PUBLISHED, Number(t), 6);
      ps.forEach((v, k) => expect(Math.abs(p[k] - v)).toBeLessThan(1e-10));
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
    // With a long tail (top 400) the mean of the counts is E[X(t)].
    const p = paretoNbdCountProbabilities(PUBLISHED, 38, 400);
    const mean = p.slice(0, 400).reduce((s, v, k) => s + k * v, 0);
    expect(rel(mean, paretoNbdUnconditional(PUBLISHED, 38))).toBeLessThan(1e-6);
  });

  it('give the calibration check of both models over the CDNOW customers as SciPy does', () => {
    const periods = new Map<number, number>();
    for (const c of cbs) periods.set(c.T_cal * 7, (periods.get(c.T_cal * 7) ?? 0) + 1);
    const [bg, pnbd] = diagnostics({
      models: [
        { kind: 'bgnbd', params: { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 } },
        { kind: 'pnbd', params: PUBLISHED },
      ],
      unitDays: 7,
      births: { days: new Float64Array(), n: new Float64Array() },
      weeks: 0,
      periods: { TDays: Float64Array.from(periods.keys()), n: Float64Array.from(periods.values()) },
    });
    bg.frequencyHistogram.forEach((v, k) => expect(Math.abs(v - scipy.calibration_bgnbd_at_walkthrough[k])).toBeLessThan(1e-7));
    pnbd.frequencyHistogram.forEach((v, k) => expect(Math.abs(v - scipy.calibration_pnbd_at_published[k])).toBeLessThan(1e-7));
    expect(scipy.calibration_actual_0_to_6plus).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => cbs.filter((c) => Math.min(c.x, 6) === k).length));
  });
});
