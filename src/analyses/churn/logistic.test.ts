import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLogistic, oddsRatios, predictLogistic } from './logistic';

interface SolverFit {
  coef: number[];
  intercept: number;
  nIter: number;
  maxGradient: number;
  proba: number[];
}
interface Fixture {
  x: number[][];
  y: number[];
  scaler: { mean: number[]; scale: number[] };
  logistic: { C: number; lbfgs: SolverFit; newtonCholesky: SolverFit }[];
}

// Written by test/fixtures/churn/make_fixture.py (scikit-learn's LogisticRegression).
const fixture: Fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/churn/fixture.json', import.meta.url), 'utf8'));
const n = fixture.x.length;
const d = fixture.x[0].length;
// Standardised with scikit-learn's own mean_ and scale_, as the reference fits were.
const z = Float64Array.from(fixture.x.flatMap((row) => row.map((value, j) => (value - fixture.scaler.mean[j]) / fixture.scaler.scale[j])));
const y = Uint8Array.from(fixture.y);

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i] - b[i]));
  return most;
}

/** The largest component of the gradient of 0.5·‖w‖² + C·Σ logloss, computed here from scratch. */
function largestGradient(x: Float64Array, rows: number, cols: number, labels: Uint8Array, C: number, coef: number[], intercept: number): number {
  const g = [...coef, 0];
  for (let i = 0; i < rows; i++) {
    let t = intercept;
    for (let j = 0; j < cols; j++) t += coef[j] * x[i * cols + j];
    const residual = C * (1 / (1 + Math.exp(-t)) - labels[i]);
    for (let j = 0; j < cols; j++) g[j] += residual * x[i * cols + j];
    g[cols] += residual;
  }
  return Math.max(...g.map(Math.abs));
}

describe('fitLogistic', () => {
  for (const ref of fixture.logistic) {
    describe(`C = ${ref.C}`, () => {
      const model = fitLogistic(z, n, d, y, { C: ref.C });

      it('converges in a few Newton steps', () => {
        expect(model.converged).toBe(true);
        expect(model.iterations).toBeLessThan(15);
        expect(largestGradient(z, n, d, y, ref.C, model.coef, model.intercept)).toBeLessThan(1e-9);
      });

      it("equals scikit-learn's lbfgs fit to 1e-4 (lbfgs stops some 1e-5 short of the optimum)", () => {
        expect(maxDifference(model.coef, ref.lbfgs.coef)).toBeLessThan(1e-4);
        expect(Math.abs(model.intercept - ref.lbfgs.intercept)).toBeLessThan(1e-4);
        expect(maxDifference(predictLogistic(model, z, n, d), ref.lbfgs.proba)).toBeLessThan(1e-4);
      });

      it("equals scikit-learn's newton-cholesky fit (gradient ~1e-14): coefficients to 1e-8, probabilities to 1e-10", () => {
        expect(maxDifference(model.coef, ref.newtonCholesky.coef)).toBeLessThan(1e-8);
        expect(Math.abs(model.intercept - ref.newtonCholesky.intercept)).toBeLessThan(1e-8);
        expect(maxDifference(predictLogistic(model, z, n, d), ref.newtonCholesky.proba)).toBeLessThan(1e-10);
      });
    });
  }

  it('finds the intercept alone when the feature is constant: b = logit(1/4), w = 0 (the penalty)', () => {
    const model = fitLogistic(new Float64Array(4), 4, 1, Uint8Array.from([1, 0, 0, 0]));
    expect(model.converged).toBe(true);
    expect(model.coef[0]).toBeCloseTo(0, 12);
    expect(model.intercept).toBeCloseTo(Math.log(1 / 3), 12);
  });

  it('solves the symmetric pair x = −1 (retained), +1 (churned): b = 0 and w = 2C·σ(−w)', () => {
    // Gradient in w: w + C·[σ(−w)·(−1) + (σ(w) − 1)·1] = w − 2C·σ(−w), zero at the optimum; in b, zero by symmetry.
    for (const C of [0.1, 1, 10]) {
      const { coef, intercept, converged } = fitLogistic(Float64Array.from([-1, 1]), 2, 1, Uint8Array.from([0, 1]), { C });
      expect(converged).toBe(true);
      expect(intercept).toBeCloseTo(0, 12);
      expect(Math.abs(coef[0] - (2 * C) / (1 + Math.exp(coef[0])))).toBeLessThan(1e-12);
    }
  });

  it('stays finite on separable data, where the penalty alone bounds w', () => {
    // Churned exactly when x0 > 0: without the penalty w would grow without bound.
    const rows = 200;
    const x = new Float64Array(rows * 2);
    const labels = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      x[i * 2] = i < 100 ? -1 - (i % 10) / 10 : 1 + (i % 10) / 10;
      x[i * 2 + 1] = Math.sin(i);
      labels[i] = i < 100 ? 0 : 1;
    }
    const model = fitLogistic(x, rows, 2, labels, { C: 100 });
    expect(model.converged).toBe(true);
    expect(model.coef.every(Number.isFinite) && Number.isFinite(model.intercept)).toBe(true);
    expect(model.coef[0]).toBeGreaterThan(5);
    expect(largestGradient(x, rows, 2, labels, 100, model.coef, model.intercept)).toBeLessThan(1e-10 * 100 * rows);
  });

  it('refuses data with one class only, and labels other than 0/1', () => {
    expect(() => fitLogistic(Float64Array.from([1, 2, 3]), 3, 1, Uint8Array.from([1, 1, 1]))).toThrow(/both/);
    expect(() => fitLogistic(Float64Array.from([1, 2, 3]), 3, 1, Uint8Array.from([0, 2, 1]))).toThrow(/neither/);
  });

  it('reports no convergence when stopped early', () => {
    const model = fitLogistic(z, n, d, y, { maxIter: 1 });
    expect(model.iterations).toBe(1);
    expect(model.converged).toBe(false);
  });
});

describe('predictLogistic', () => {
  it('is σ(x·w + b)', () => {
    // σ(0) = 1/2; σ(ln 3) = 3/4; σ(−ln 3 + 0) = 1/4.
    const p = predictLogistic({ coef: [1, 2], intercept: 0, iterations: 0, converged: true }, Float64Array.from([0, 0, Math.log(3), 0, 0, -Math.log(3) / 2]), 3, 2);
    expect(p[0]).toBe(0.5);
    expect(p[1]).toBeCloseTo(0.75, 15);
    expect(p[2]).toBeCloseTo(0.25, 15);
  });
});

describe('oddsRatios', () => {
  it('is exp(coef)', () => {
    const ratios = oddsRatios({ coef: [0, Math.log(2), -Math.log(4)], intercept: 5, iterations: 0, converged: true });
    expect(ratios[0]).toBe(1);
    expect(ratios[1]).toBeCloseTo(2, 15);
    expect(ratios[2]).toBeCloseTo(0.25, 15);
  });
});
