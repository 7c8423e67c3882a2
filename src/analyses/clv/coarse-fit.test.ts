import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bgnbd';
import { coarsenGroups, COARSE_ABOVE, fitFrequencyModel } from './coarse-fit';
import { groupFrequency } from './group';

/** Customers simulated from BG/NBD (deterministic): observed for 0–104 weeks, times in whole days. */
function simulate(n: number): { x: Float64Array; txDays: Float64Array; TDays: Float64Array } {
  let seed = 12345;
  const uniform = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      const v = (1 + c * z) ** 3;
      if (v > 0 && Math.log(uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const cols = { x: new Float64Array(n), txDays: new Float64Array(n), TDays: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const lambda = gamma(0.5) / 3; // r 0.5, α 3 (per week)
    const ga = gamma(0.8);
    const p = ga / (ga + gamma(3)); // a 0.8, b 3
    const T = Math.floor(uniform() * 729);
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += (-Math.log(uniform()) / lambda) * 7;
      if (t > T) break;
      x++;
      last = t;
      if (uniform() < p) break;
    }
    cols.x[i] = x;
    cols.txDays[i] = Math.floor(last);
    cols.TDays[i] = T;
  }
  return cols;
}

describe('fitFrequencyModel on many distinct histories', () => {
  it('reaches the full multi-start optimum through the coarse grid', () => {
    const c = simulate(12_000);
    const groups = groupFrequency(c.x, Array.from(c.txDays, (d) => d / 7), Array.from(c.TDays, (d) => d / 7));
    expect(groups.length).toBeGreaterThan(COARSE_ABOVE);
    const coarse = coarsenGroups(groups);
    expect(coarse.reduce((s, g) => s + g.weight, 0)).toBe(12_000);
    expect(coarse.every((g) => g.tx <= g.T)).toBe(true);
    expect(coarse.length).toBeLessThan(groups.length / 2);

    let coarseDone = 0;
    const fit = fitFrequencyModel(groups, () => coarseDone++);
    expect(coarseDone).toBe(1);
    const full = fitBgNbd(groups);
    expect(fit.converged).toBe(true);
    expect(fit.groups).toBe(groups.length);
    expect(Math.abs(fit.logLik - full.logLik)).toBeLessThan(1e-6);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.params[k] / full.params[k] - 1)).toBeLessThan(1e-4);
    // The simulated parameters are recovered roughly.
    expect(fit.params.r).toBeGreaterThan(0.4);
    expect(fit.params.r).toBeLessThan(0.6);
  });

  it('fits few histories directly', () => {
    let coarseDone = 0;
    const groups = [
      { x: 0, tx: 0, T: 30, weight: 50 },
      { x: 2, tx: 20, T: 30, weight: 20 },
      { x: 5, tx: 28, T: 30, weight: 5 },
    ];
    expect(fitFrequencyModel(groups, () => coarseDone++)).toEqual(fitBgNbd(groups));
    expect(coarseDone).toBe(0);
  });
});

