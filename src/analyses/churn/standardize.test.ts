import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyScaler, fitScaler } from './standardize';

interface Fixture {
  x: number[][];
  scaler: { mean: number[]; scale: number[] };
}

// Written by test/fixtures/churn/make_fixture.py (scikit-learn's StandardScaler).
const fixture: Fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/churn/fixture.json', import.meta.url), 'utf8'));
const n = fixture.x.length;
const d = fixture.x[0].length;
const x = Float64Array.from(fixture.x.flat());

describe('fitScaler', () => {
  it("equals StandardScaler's mean_ and scale_", () => {
    const { mean, scale } = fitScaler(x, n, d);
    for (let j = 0; j < d; j++) {
      expect(Math.abs(mean[j] - fixture.scaler.mean[j])).toBeLessThan(1e-12 * Math.abs(fixture.scaler.mean[j]));
      expect(Math.abs(scale[j] - fixture.scaler.scale[j])).toBeLessThan(1e-12 * fixture.scaler.scale[j]);
    }
  });

  it('uses the population standard deviation, and scale 1 for a constant column', () => {
    // Columns (1, 2, 3): mean 2, variance (1 + 0 + 1) / 3; (5, 5, 5): constant.
    const scaler = fitScaler(Float64Array.from([1, 5, 2, 5, 3, 5]), 3, 2);
    expect(Array.from(scaler.mean)).toEqual([2, 5]);
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(scaler.scale[1]).toBe(1);
    const z = applyScaler(scaler, Float64Array.from([1, 5, 2, 5, 3, 5, 4, 7]), 4, 2);
    const s = Math.sqrt(2 / 3);
    [-1 / s, 0, 0, 0, 1 / s, 0, 2 / s, 2].forEach((value, i) => expect(z[i]).toBeCloseTo(value, 14));
  });
});

describe('applyScaler', () => {
  it('maps the fixture with its own mean and scale to mean 0, sd 1', () => {
    const z = applyScaler({ mean: Float64Array.from(fixture.scaler.mean), scale: Float64Array.from(fixture.scaler.scale) }, x, n, d);
    expect(z).not.toBe(x);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        expect(z[i * d + j]).toBe((fixture.x[i][j] - fixture.scaler.mean[j]) / fixture.scaler.scale[j]);
        sum += z[i * d + j];
        squares += z[i * d + j] ** 2;
      }
      expect(Math.abs(sum / n)).toBeLessThan(1e-12);
      expect(squares / n).toBeCloseTo(1, 12);
    }
  });

  it('rejects a matrix of the wrong shape', () => {
    expect(() => fitScaler(new Float64Array(5), 2, 3)).toThrow();
    expect(() => applyScaler(fitScaler(new Float64Array(6), 2, 3), new Float64Array(6), 3, 2)).toThrow();
  });
});
