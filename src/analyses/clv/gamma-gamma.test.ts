import { beforeAll, describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { groupSpend } from './group';
import { gammaln } from './special';
import { expectedAvgValue, fitGammaGamma, gammaGammaLogLik, gammaGammaTotalLogLik, Q_AT_MOST_ONE, type GammaGammaFit } from './gamma-gamma';

function readCsv(name: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(new URL(`../../../test/fixtures/cdnow/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], Number(v)])));
}

const cbs = readCsv('cdnowSummary_cbs.csv');
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

/** Deterministic generator (Park-Miller) and Gamma(shape, 1) draws (Marsaglia-Tsang). */
function makeRandom(seed: number): { uniform: () => number; gamma: (shape: number) => number } {
  let s = seed;
  const uniform = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v ** 3;
      if (Math.log(uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return { uniform, gamma };
}

describe('Gamma-Gamma likelihood', () => {
  it('equals the spend density integrated over the customer rate ν', () => {
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    const logGammaPdf = (y: number, shape: number, rate: number): number =>
      shape * Math.log(rate) + (shape - 1) * Math.log(y) - rate * y - gammaln(shape);
    for (const [x, m] of [
      [1, 11.77],
      [2, 22.345],
      [6, 48.1],
    ]) {
      // m̄ | ν ~ Gamma(px, xν), ν ~ Gamma(q, v): trapezoid rule in ln ν.
      let integral = 0;
      const h = 0.001;
      for (let u = -15; u <= 5; u += h) {
        const nu = Math.exp(u);
        integral += Math.exp(logGammaPdf(m, params.p * x, x * nu) + logGammaPdf(nu, params.q, params.v) + u) * h;
      }
      expect(Math.abs(gammaGammaLogLik(params, x, m) - Math.log(integral))).toBeLessThan(1e-9);
    }
  });
});

describe('fitGammaGamma on CDNOW', () => {
  const repeat = cbs.filter((c) => c.x > 0 && c.m_x > 0);
  let fit: GammaGammaFit;
  beforeAll(() => {
    fit = fitGammaGamma(
      groupSpend(
        repeat.map((c) => c.x),
        repeat.map((c) => c.m_x),
      ),
    );
  });

  it('reproduces the published parameters and log-likelihood on the 946 repeat buyers', () => {
    expect(repeat).toHaveLength(946);
    expect(fit.converged).toBe(true);
    expect(fit.message).toBeUndefined();
    expect(fit.customers).toBe(946);
    // Published to 4 decimals: within half a unit of the last digit.
    expect(Math.abs(fit.params.p - 6.2496)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.q - 3.7442)).toBeLessThan(5e-5);
    expect(Math.abs(fit.params.v - 15.4435)).toBeLessThan(5e-5);
    expect(Math.abs(fit.logLik - -4055.92)).toBeLessThan(0.01);
  });

  it('is a maximum: nudging any parameter lowers the log-likelihood', () => {
    const groups = groupSpend(
      repeat.map((c) => c.x),
      repeat.map((c) => c.m_x),
    );
    for (const key of ['p', 'q', 'v'] as const) {
      for (const f of [0.999, 1.001]) {
        expect(gammaGammaTotalLogLik({ ...fit.params, [key]: fit.params[key] * f }, groups)).toBeLessThan(fit.logLik);
      }
    }
  });

  it('leaves out and counts the customers without repeat spend', () => {
    const all = fitGammaGamma(
      groupSpend(
        cbs.map((c) => c.x),
        cbs.map((c) => c.m_x),
      ),
    );
    expect(all.customers).toBe(946);
    expect(all.excluded).toBe(2357 - 946);
    expect(Math.abs(all.logLik - fit.logLik)).toBeLessThan(1e-6);
  });
});

describe('expectedAvgValue', () => {
  it('matches the reference per-customer expected average value', () => {
    const predictions = readCsv('cdnow_btyd_cbs_predictions.csv');
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    for (const c of predictions) expect(rel(expectedAvgValue(params, c.x, c.m_x), c.gg_exp_avg_value)).toBeLessThan(1e-8);
  });

  it('is the population mean v·p/(q−1) for x = 0, a weighted mean with m otherwise', () => {
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    const population = (15.44 * 6.25) / 2.74;
    expect(rel(expectedAvgValue(params, 0, 0), population)).toBeLessThan(1e-15);
    const w = (6.25 * 3) / (6.25 * 3 + 2.74);
    expect(rel(expectedAvgValue(params, 3, 40), (1 - w) * population + w * 40)).toBeLessThan(1e-14);
  });

  it('is NaN where the expectation is infinite (q ≤ 1 and x = 0)', () => {
    expect(expectedAvgValue({ p: 2, q: 0.8, v: 3 }, 0, 0)).toBeNaN();
    expect(Number.isFinite(expectedAvgValue({ p: 2, q: 0.8, v: 3 }, 2, 5))).toBe(true);
  });
});

describe('fitGammaGamma on awkward data', () => {
  it('says spend is meaningless when the data give q ≤ 1', () => {
    const { uniform, gamma } = makeRandom(7);
    const [p, q, v] = [3, 0.7, 10];
    const data = Array.from({ length: 2000 }, () => {
      const nu = gamma(q) / v;
      const x = 1 + Math.floor(uniform() * 5);
      let sum = 0;
      for (let j = 0; j < x; j++) sum += gamma(p) / nu;
      return { x, m: sum / x, weight: 1 };
    });
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    expect(fit.params.q).toBeLessThan(1);
    expect(fit.message).toBe(Q_AT_MOST_ONE);
  });

  it('fails clearly without usable customers', () => {
    const fit = fitGammaGamma([
      { x: 0, m: 0, weight: 10 },
      { x: 2, m: -5, weight: 1 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/cannot be fitted/);
    expect(fit.excluded).toBe(11);
  });

  it('flags identical spend (no heterogeneity) and a single customer as unidentified, with finite parameters', () => {
    for (const groups of [
      [
        { x: 2, m: 10, weight: 50 },
        { x: 3, m: 10, weight: 50 },
      ],
      [{ x: 2, m: 10, weight: 1 }],
    ]) {
      const fit = fitGammaGamma(groups);
      expect(fit.converged).toBe(false);
      expect(fit.message).toMatch(/ran off/);
      expect([fit.params.p, fit.params.q, fit.params.v, fit.logLik].every(Number.isFinite)).toBe(true);
    }
  });
});
