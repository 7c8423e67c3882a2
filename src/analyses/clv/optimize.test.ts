import { describe, it, expect } from 'vitest';
import { bfgs, minimize, nelderMead } from './optimize';

const rosenbrock = (x: readonly number[]): number => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const rosenbrockGrad = (x: readonly number[]): number[] => [
  -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2),
  200 * (x[1] - x[0] ** 2),
];

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-6);
  });

  it('survives a staircase objective that forces shrink steps', () => {
    const stairs = (x: readonly number[]): number => Math.floor(Math.abs(x[0]) * 10) + Math.floor(Math.abs(x[1]) * 10);
    const r = nelderMead(stairs, [1, 1]);
    expect(r.fx).toBe(0);
  });
});

describe('bfgs', () => {
  it('finds the Rosenbrock minimum to a small gradient', () => {
    const r = bfgs(rosenbrock, rosenbrockGrad, [-1.2, 1], 1e-10);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-8);
  });
});

describe('minimize', () => {
  it('keeps the best of several starts', () => {
    // Two basins: a shallow one at x = −2 (f = 1) and the global minimum at x = 3 (f = 0).
    const f = (x: readonly number[]): number => Math.min((x[0] + 2) ** 2 + 1, 2 * (x[0] - 3) ** 2);
    const r = minimize(f, { starts: [[-2.5], [2.5]] });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 3)).toBeLessThan(1e-6);
    expect(r.fx).toBeLessThan(1e-10);
  });

  it('reports the gradient at the optimum', () => {
    const r = minimize(rosenbrock, { starts: [[-1.2, 1]], gradient: rosenbrockGrad });
    expect(r.converged).toBe(true);
    expect(r.gradNorm).toBeLessThan(1e-6);
    expect(r.message).toBeUndefined();
  });

  it('returns a failure, not NaN, when the objective is never finite', () => {
    const r = minimize(() => NaN, { starts: [[0, 0], [1, 1]] });
    expect(r.converged).toBe(false);
    expect(r.fx).toBe(Infinity);
    expect(r.message).toMatch(/not finite at any starting point/);
    expect(r.x).toEqual([0, 0]);
  });

  it('steps around regions where the objective is NaN, infinite or throws', () => {
    const f = (x: readonly number[]): number => {
      if (x[0] < 0.5) return NaN;
      if (x[0] > 5) throw new Error('overflow');
      return (x[0] - 2) ** 2;
    };
    const r = minimize(f, { starts: [[4]] });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 2)).toBeLessThan(1e-6);
  });

  it('flags an optimum that runs off to the edge of the box', () => {
    const r = minimize((x) => x[0] + (x[1] - 1) ** 2, { starts: [[0, 0]], gradient: (x) => [1, 2 * (x[1] - 1)] });
    expect(r.converged).toBe(false);
    expect(r.atEdge).toEqual([0]);
    expect(r.message).toMatch(/ran off/);
    expect(r.x.every(Number.isFinite)).toBe(true);
  });
});
