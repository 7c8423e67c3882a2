/**
 * The purchase-count models side by side — BG/NBD, Pareto/NBD and their common limit, the NBD — behind one
 * interface for predictions, and the detection of a fit at the likelihood's boundary (dropout → 0).
 */
import { expectedPurchases, pAlive, unconditionalExpected, type BgNbdParams } from './bgnbd';
import { purchaseCountProbabilities } from './bgnbd-pmf';
import {
  bgCommonCountProbabilities,
  bgCommonExpectedIfAlive,
  bgCommonPAlive,
  bgCommonUnconditional,
  type BgCommonFit,
  type BgCommonParams,
} from './bg-common';
import { nbdCountProbabilities, nbdDiscounted, nbdExpected, nbdUnconditional, type NbdFit, type NbdParams } from './nbd';
import { paretoNbdCountProbabilities, paretoNbdExpectedIfAlive, paretoNbdPAlive, paretoNbdUnconditional, type ParetoNbdParams } from './pareto-nbd';

/** The models the user can choose for CLV. */
export type FrequencyModel = 'bgnbd' | 'pnbd';
export const FREQUENCY_MODELS: readonly FrequencyModel[] = ['bgnbd', 'pnbd'];
/** CLV uses BG/NBD unless the user picks Pareto/NBD. */
export const DEFAULT_FREQUENCY_MODEL: FrequencyModel = 'bgnbd';

/** What predictions are made with: a model's fitted parameters, or the NBD when that model's fit is at its boundary. */
export type PredictionModel =
  | { kind: 'bgnbd'; params: BgNbdParams }
  | { kind: 'pnbd'; params: ParetoNbdParams }
  | { kind: 'nbd'; params: NbdParams }
  | { kind: 'bg-common'; params: BgCommonParams };

/**
 * A BG/NBD or Pareto/NBD fit whose likelihood is highest at the edge of the parameter space, with that limit's fit:
 * - `nbd`: where nobody drops out (a/(a+b) → 0; s/β → 0): the NBD, P(alive) = 1;
 * - `common` (BG/NBD only): where a and b grow without bound together: every customer has the same dropout
 *   probability p = a/(a+b) (`bg-common.ts`).
 * The limit's log-likelihood is the model's supremum.
 */
export type Boundary =
  | {
      kind: 'nbd';
      /** The mean dropout of the best fit found: a/(a+b) per purchase (BG/NBD), or s/β per time unit (Pareto/NBD). */
      dropout: number;
      limit: NbdFit;
      /** Log-likelihood of the model's best fit found minus the limit's: at most BOUNDARY_TOLERANCE. */
      gain: number;
    }
  | { kind: 'common'; dropout: number; limit: BgCommonFit; gain: number };

/**
 * Log-likelihood units by which a fit with dropout must beat the NBD to count as inside the parameter space.
 * A likelihood ratio of e^0.001 is no evidence of dropout at all; the optimiser only stops short of the limit by less.
 */
export const BOUNDARY_TOLERANCE = 1e-3;

/**
 * The boundary of a model whose best fit found has log-likelihood `logLik` and mean dropout `dropout`, against the
 * NBD fit `limit`: the fit is at the boundary when no point with dropout beats the limit by more than
 * BOUNDARY_TOLERANCE (the likelihood rises towards dropout 0: a/(a+b) → 0 for BG/NBD, s/β → 0 for Pareto/NBD).
 * Null otherwise, or when either fit has no finite log-likelihood.
 */
export function detectBoundary(logLik: number, dropout: number, limit: NbdFit, common?: BgCommonFit): Boundary | null {
  if (!Number.isFinite(logLik)) return null;
  const usable = (f: { logLik: number; params: object } | undefined): f is NonNullable<typeof f> =>
    !!f && Number.isFinite(f.logLik) && Object.values(f.params).every((v) => Number.isFinite(v));
  const best = Math.max(logLik, usable(common) ? common.logLik : -Infinity);
  // The simpler limit first: where nobody leaves, if nothing with dropout (heterogeneous or not) beats it.
  if (usable(limit) && limit.logLik >= best - BOUNDARY_TOLERANCE) return { kind: 'nbd', dropout, limit, gain: logLik - limit.logLik };
  if (usable(common) && common.logLik >= logLik - BOUNDARY_TOLERANCE) return { kind: 'common', dropout: common.params.p, limit: common, gain: logLik - common.logLik };
  return null;
}

/** The mean dropout of a model's parameters (see `Boundary.dropout`). */
export function bgDropout({ a, b }: BgNbdParams): number {
  return a / (a + b);
}
export function pnbdDropout({ s, beta }: ParetoNbdParams): number {
  return s / beta;
}

/** The model predictions are made with for a fit: its own parameters, or the NBD limit at the boundary. */
export function predictionModelOf(kind: 'bgnbd', fit: { params: BgNbdParams; boundary?: Boundary | null }): PredictionModel;
export function predictionModelOf(kind: 'pnbd', fit: { params: ParetoNbdParams; boundary?: Boundary | null }): PredictionModel;
export function predictionModelOf(kind: FrequencyModel, fit: { params: BgNbdParams | ParetoNbdParams; boundary?: Boundary | null }): PredictionModel {
  if (fit.boundary?.kind === 'nbd') return { kind: 'nbd', params: fit.boundary.limit.params };
  if (fit.boundary?.kind === 'common') return { kind: 'bg-common', params: fit.boundary.limit.params };
  return kind === 'bgnbd' ? { kind, params: fit.params as BgNbdParams } : { kind, params: fit.params as ParetoNbdParams };
}

/** The parameters of a prediction model are all finite. */
export function canPredictWith(m: PredictionModel): boolean {
  return Object.values(m.params).every((v) => Number.isFinite(v));
}

/** One model's predictions for a customer with history (x, t_x, T); time in the model's unit. */
export interface Predictor {
  pAlive(x: number, tx: number, T: number): number;
  /** Expected purchases in (T, T+t]. */
  expected(t: number, x: number, tx: number, T: number): number;
  /**
   * `expected`: purchases over `horizonMonths` months of `month` time units; `discounted`:
   * Σ_{k=1..H} (E(k·month) − E((k−1)·month)) / (1+d)^k.
   */
  discounted(x: number, tx: number, T: number, month: number, horizonMonths: number, monthlyDiscount: number): { expected: number; discounted: number };
  /** E[X(t)] of a new customer. */
  unconditional(t: number): number;
  /** P(X(t) = n) for n = 0 … top − 1 and P(X(t) ≥ top) last. */
  counts(t: number, top: number): number[];
}

/** Σ_{k=1..H} (E(k·month) − E((k−1)·month)) / (1+d)^k for a cumulative expectation E. */
function discountedSum(E: (t: number) => number, month: number, horizonMonths: number, monthlyDiscount: number): { expected: number; discounted: number } {
  let discounted = 0;
  let previous = 0;
  for (let k = 1; k <= horizonMonths; k++) {
    const cumulative = E(k * month);
    discounted += (cumulative - previous) / (1 + monthlyDiscount) ** k;
    previous = cumulative;
  }
  return { expected: previous, discounted };
}

export function predictor(m: PredictionModel): Predictor {
  switch (m.kind) {
    case 'bgnbd': {
      const p = m.params;
      return {
        pAlive: (x, tx, T) => pAlive(p, x, tx, T),
        expected: (t, x, tx, T) => expectedPurchases(p, t, x, tx, T),
        discounted: (x, tx, T, month, H, d) => discountedSum((t) => expectedPurchases(p, t, x, tx, T), month, H, d),
        unconditional: (t) => unconditionalExpected(p, t),
        counts: (t, top) => purchaseCountProbabilities(p, t, top),
      };
    }
    case 'pnbd': {
      const p = m.params;
      return {
        pAlive: (x, tx, T) => paretoNbdPAlive(p, x, tx, T),
        expected: (t, x, tx, T) => paretoNbdExpectedIfAlive(p, t, x, T) * paretoNbdPAlive(p, x, tx, T),
        discounted: (x, tx, T, month, H, d) => {
          // P(alive) factors out of every month's expectation: computed once.
          const alive = paretoNbdPAlive(p, x, tx, T);
          return discountedSum((t) => alive * paretoNbdExpectedIfAlive(p, t, x, T), month, H, d);
        },
        unconditional: (t) => paretoNbdUnconditional(p, t),
        counts: (t, top) => paretoNbdCountProbabilities(p, t, top),
      };
    }
    case 'bg-common': {
      const p = m.params;
      return {
        pAlive: (x, tx, T) => bgCommonPAlive(p, x, tx, T),
        expected: (t, x, tx, T) => bgCommonExpectedIfAlive(p, t, x, T) * bgCommonPAlive(p, x, tx, T),
        discounted: (x, tx, T, month, H, d) => {
          const alive = bgCommonPAlive(p, x, tx, T);
          return discountedSum((t) => alive * bgCommonExpectedIfAlive(p, t, x, T), month, H, d);
        },
        unconditional: (t) => bgCommonUnconditional(p, t),
        counts: (t, top) => bgCommonCountProbabilities(p, t, top),
      };
    }
    case 'nbd': {
      const p = m.params;
      return {
        pAlive: () => 1,
        expected: (t, x, _tx, T) => nbdExpected(p, t, x, T),
        discounted: (x, _tx, T, month, H, d) => nbdDiscounted(p, x, T, month, H, d),
        unconditional: (t) => nbdUnconditional(p, t),
        counts: (t, top) => nbdCountProbabilities(p, t, top),
      };
    }
  }
}
