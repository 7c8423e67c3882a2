import { describe, it, expect } from 'vitest';
import { digamma, gammaln, hyp2f1 } from './special';

const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('hyp2f1', () => {
  it('matches the BG/NBD reference values', () => {
    // c = a+b+x−1 = 0.793+2.426+1 for the x=2 customer; 4.575315897643688 is ₂F₁ at c = 4.219 (mpmath).
    expect(rel(hyp2f1(2.243, 4.426, 4.219, 39 / 82.274), 4.575315897643688)).toBeLessThan(1e-14);
    expect(rel(hyp2f1(2.243, 4.426, 5.219, 39 / 82.274), 3.29824548997133)).toBeLessThan(1e-14);
    expect(rel(hyp2f1(0.243, 2.426, 2.219, 52 / 56.414), 2.1078928115016873)).toBeLessThan(1e-14);
  });

  it('matches closed forms from z = 0 to near 1 (plain and Euler-transformed series)', () => {
    for (const z of [0, 0.1, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999]) {
      const tol = z > 0.99 ? 1e-11 : 1e-14;
      expect(rel(hyp2f1(1, 1, 2, z), z === 0 ? 1 : -Math.log1p(-z) / z)).toBeLessThan(tol);
      expect(rel(hyp2f1(0.3, 2.5, 2.5, z), (1 - z) ** -0.3)).toBeLessThan(tol);
      expect(rel(hyp2f1(3.7, 1.2, 1.2, z), (1 - z) ** -3.7)).toBeLessThan(tol);
      const s = Math.sqrt(z);
      expect(rel(hyp2f1(0.5, 0.5, 1.5, z), z === 0 ? 1 : Math.asin(s) / s)).toBeLessThan(tol);
    }
  });

  it('sums a terminating series exactly', () => {
    const [b, c, z] = [2.5, 3.25, 0.8];
    const expected = 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
    expect(rel(hyp2f1(-2, b, c, z), expected)).toBeLessThan(1e-14);
  });

  it('handles large parameters without overflow while the value is finite', () => {
    // ₂F₁(a, b; b; z) = (1−z)^−a
    expect(rel(hyp2f1(500.2, 502.4, 502.4, 0.5), 2 ** 500.2)).toBeLessThan(1e-12);
  });

  it('sums parameters in the millions and billions quickly (the BG/NBD boundary), as mpmath does (40 digits)', () => {
    const t0 = performance.now();
    expect(rel(hyp2f1(0.6101393699645996, 846492428.0456553, 999999999, 0.7550123083299575), 1.8623643458811296254)).toBeLessThan(1e-13);
    expect(rel(hyp2f1(0.3, 7.1e6, 7.1e6 + 2.2, 0.6), 1.3163820207824900675)).toBeLessThan(1e-13);
    expect(rel(hyp2f1(7.1e6 - 0.5, -0.91, 7.1e6 + 30, 0.55), 0.48353226907087799667)).toBeLessThan(1e-12);
    expect(rel(hyp2f1(2.243, 4.426, 4.219, 0.9), 248.86890220623159799)).toBeLessThan(1e-13);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('never returns a value that cancellation has emptied of its digits', () => {
    // Terms of ±10³⁸ summing to 0.21: the plain series loses every digit; the value comes from the other form or not at all.
    let v: number | null = null;
    try {
      v = hyp2f1(-300.5, 0.5, 5, 0.3);
    } catch (e) {
      expect(String(e)).toMatch(/cancellation/);
    }
    if (v !== null) expect(rel(v, 0.21293448126991689109)).toBeLessThan(1e-9);
  });

  it('throws clearly outside its domain, on overflow and on non-convergence', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/outside \[0, 1\)/);
    expect(() => hyp2f1(1, 1, 2, -0.1)).toThrow(/outside \[0, 1\)/);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
    expect(() => hyp2f1(NaN, 1, 2, 0.5)).toThrow(/non-finite/);
    expect(() => hyp2f1(500.2, 502.4, 502, 0.9)).toThrow(/overflows/);
    expect(() => hyp2f1(1, 1, 2, 1 - 1e-9)).toThrow(/did not converge/);
  });
});

describe('gammaln and digamma', () => {
  it('are the log-gamma and digamma functions', () => {
    expect(rel(gammaln(5), Math.log(24))).toBeLessThan(1e-15);
    expect(rel(gammaln(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    expect(rel(digamma(1), -0.5772156649015329)).toBeLessThan(1e-15);
    expect(rel(digamma(10.5) - digamma(9.5), 1 / 9.5)).toBeLessThan(1e-13);
  });
});
