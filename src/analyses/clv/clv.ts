import { expectedPurchases, type BgNbdParams } from './bgnbd';
import { expectedAvgValue, type GammaGammaParams } from './gamma-gamma';

export interface ClvModels {
  bg: BgNbdParams;
  gg: GammaGammaParams;
}

export interface ClvOptions {
  /** Months projected (default 12). */
  horizonMonths?: number;
  /** Discount rate per month (default 0.01). */
  monthlyDiscount?: number;
  /** Profit margin applied to spend (default 1: revenue). */
  margin?: number;
  /** Days in the models' time unit (default 7: weeks). */
  unitDays?: number;
  /** Days in a month (default 365.25/12; lifetimes' weekly CLV uses 4.345 weeks = 30.415 days). */
  daysPerMonth?: number;
}

/** Average month in days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Discounted customer lifetime value of a customer with history (x, t_x, T) and mean repeat spend m:
 * margin · E[spend] · Σ_{k=1..H} (E(k·month) − E((k−1)·month)) / (1+d)^k, with E(t) the expected purchases
 * in (T, T+t] and month = daysPerMonth/unitDays time units. NaN when the expected spend is undefined (q ≤ 1).
 */
export function clvValue(models: ClvModels, x: number, tx: number, T: number, m: number, opts: ClvOptions = {}): number {
  return (opts.margin ?? 1) * expectedAvgValue(models.gg, x, m) * discountedPurchases(models.bg, x, tx, T, opts).discounted;
}

/**
 * The purchase side of the CLV of a customer with history (x, t_x, T): `expected`, the purchases expected over the
 * horizon, and `discounted`, Σ_{k=1..H} (E(k·month) − E((k−1)·month)) / (1+d)^k (`margin` is not used).
 */
export function discountedPurchases(bg: BgNbdParams, x: number, tx: number, T: number, opts: ClvOptions = {}): { expected: number; discounted: number } {
  const { horizonMonths = 12, monthlyDiscount = 0.01, unitDays = 7, daysPerMonth = DAYS_PER_MONTH } = opts;
  const month = daysPerMonth / unitDays;
  let discounted = 0;
  let previous = 0;
  for (let k = 1; k <= horizonMonths; k++) {
    const cumulative = expectedPurchases(bg, k * month, x, tx, T);
    discounted += (cumulative - previous) / (1 + monthlyDiscount) ** k;
    previous = cumulative;
  }
  return { expected: previous, discounted };
}

/**
 * Pearson correlation of spend and frequency: Gamma-Gamma assumes it is near 0.
 * NaN when fewer than two pairs or either variable is constant.
 * @throws RangeError when the arrays differ in length.
 */
export function spendFrequencyCorrelation(xs: ArrayLike<number>, ms: ArrayLike<number>): number {
  if (xs.length !== ms.length) throw new RangeError(`spendFrequencyCorrelation: arrays differ in length (${xs.length}, ${ms.length})`);
  const n = xs.length;
  if (n < 2) return NaN;
  let mx = 0;
  let mm = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    mm += ms[i];
  }
  mx /= n;
  mm /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ms[i] - mm;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
