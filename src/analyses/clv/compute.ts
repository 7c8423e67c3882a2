/**
 * The CLV computations that run off the main thread (`clv-worker.ts` exposes `clvApi`): the model fits on grouped
 * customers and the model's outputs per distinct (x, t_x, T). Inputs and outputs are columnar typed arrays, so
 * they cross the worker boundary cheaply; time is passed in whole days and converted with `unitDays` here.
 */
import type { BgNbdFit } from './bgnbd';
import { fitBgCommon } from './bg-common';
import { fitFrequencyModel, fitParetoNbdModel } from './coarse-fit';
import { DAYS_PER_MONTH } from './clv';
import { bgDropout, detectBoundary, pnbdDropout, predictor, type PredictionModel } from './frequency-model';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import type { FrequencyGroup, SpendGroup } from './group';
import { CALIBRATION_TOP } from './holdout-sql';
import { fitNbd } from './nbd';
import type { ParetoNbdFit } from './pareto-nbd';

/** Distinct (x, t_x, T) in whole days with their number of customers `n`. */
export interface TripleColumns {
  x: Float64Array;
  txDays: Float64Array;
  TDays: Float64Array;
  n: Float64Array;
}

/** Distinct (x, m) of the repeat buyers with their number of customers `n`. */
export interface SpendColumns {
  x: Float64Array;
  m: Float64Array;
  n: Float64Array;
}

export type ClvStage = 'bgnbd' | 'gamma' | 'pnbd' | 'predict';
/** Progress: the stage and, where known, the fraction done (0–1). */
export type ClvProgress = (stage: ClvStage, fraction: number | null) => void;

export interface FitRequest {
  triples: TripleColumns;
  spend: SpendColumns;
  unitDays: number;
}

export interface ClvFits {
  bg: BgNbdFit;
  gg: GammaGammaFit;
  /** Wall-clock milliseconds of each fit. */
  bgMs: number;
  ggMs: number;
}

/** The Pareto/NBD fit (with its boundary check) and its wall-clock milliseconds. */
export interface ParetoFit {
  pnbd: ParetoNbdFit;
  pnbdMs: number;
}

export interface PredictRequest {
  /** The model predictions are made with (`predictionModelOf`). */
  model: PredictionModel;
  triples: TripleColumns;
  unitDays: number;
  horizonMonths: number;
  monthlyDiscount: number;
  /** Length of the holdout in days (0: none). */
  holdoutDays: number;
}

/** Per triple, in the order of the request; NaN where a value could not be computed. */
export interface TripleOutputs {
  p_alive: Float64Array;
  /** Expected purchases over the horizon. */
  expected_purchases: Float64Array;
  /** Σ_k (E(k months) − E(k−1 months)) / (1+d)^k. */
  discounted_purchases: Float64Array;
  /** Expected purchases over the holdout (0 without one). */
  holdout_expected: Float64Array;
  /** Triples whose outputs could not be computed. */
  failed: number;
  /** Wall-clock milliseconds of the predictions. */
  ms: number;
}

export interface HoldoutRequest {
  /** The models compared, each as it predicts (`predictionModelOf`). */
  models: PredictionModel[];
  triples: TripleColumns;
  unitDays: number;
  /** Length of the holdout in days (> 0). */
  holdoutDays: number;
}

export interface DiagnosticsRequest {
  /** The models compared, each as it predicts. */
  models: PredictionModel[];
  unitDays: number;
  /** First purchase day of the calibration customers, in days after the earliest one, with counts. */
  births: { days: Float64Array; n: Float64Array };
  /** Weeks of the tracking plot, from the earliest first purchase. */
  weeks: number;
  /** Distinct T (days) of the calibration customers with counts. */
  periods: { TDays: Float64Array; n: Float64Array };
}

/** One model's expectations, to set against the actual figures. */
export interface Diagnostics {
  /** Expected cumulative repeat purchases at the end of each week 1 … weeks. */
  trackingCumulative: number[];
  /** Expected number of customers with 0 … CALIBRATION_TOP − 1 and CALIBRATION_TOP+ repeat purchases in the calibration period. */
  frequencyHistogram: number[];
}

export interface GridRequest {
  model: PredictionModel;
  unitDays: number;
  horizonMonths: number;
  /** Frequencies 0 … maxX. */
  maxX: number;
  /** Observation length of the hypothetical customers, in days. */
  TDays: number;
  /** Recency bins: [0, T] cut into this many equal parts, each evaluated at its middle. */
  steps: number;
}

export interface GridCell {
  frequency: number;
  /** t_x in the time unit: the middle of the bin from `recency_from` to `recency_to`. */
  recency: number;
  recency_from: number;
  recency_to: number;
  p_alive: number;
  expected_purchases: number;
}

function frequencyGroups({ x, txDays, TDays, n }: TripleColumns, unitDays: number): FrequencyGroup[] {
  return Array.from(x, (xi, i) => ({ x: xi, tx: txDays[i] / unitDays, T: TDays[i] / unitDays, weight: n[i] }));
}

/**
 * Fits BG/NBD on every customer (grouped by identical history), and its two limits: the NBD (dropout → 0) and one
 * dropout probability for everyone (a, b → ∞). When no BG/NBD point beats a limit, the fit is at that boundary
 * (`bg.boundary`, see `detectBoundary`).
 */
export function fitFrequency(req: FitRequest, onProgress?: ClvProgress): Pick<ClvFits, 'bg' | 'bgMs'> {
  onProgress?.('bgnbd', null);
  const t0 = performance.now();
  const groups = frequencyGroups(req.triples, req.unitDays);
  const fit: BgNbdFit = fitFrequencyModel(groups, () => onProgress?.('bgnbd', 0.25));
  const nbd = fitNbd(groups);
  // The other edge: one dropout probability for everyone (a, b → ∞), searched from the fit and from the NBD.
  const { r, alpha, a, b } = fit.params;
  const starts = [
    ...([r, alpha, a, b].every(Number.isFinite) ? [{ r, alpha, p: Math.min(0.99, Math.max(1e-9, a / (a + b))) }] : []),
    ...([nbd.params.r, nbd.params.alpha].every(Number.isFinite) ? [{ ...nbd.params, p: 0.01 }] : []),
  ];
  const common = fitBgCommon(groups, starts);
  const bg = { ...fit, boundary: detectBoundary(fit.logLik, bgDropout(fit.params), nbd, common) };
  return { bg, bgMs: performance.now() - t0 };
}

/** Fits Pareto/NBD on every customer, with the same boundary check against the NBD (`pnbd.boundary`). */
export function fitPareto(req: Pick<FitRequest, 'triples' | 'unitDays'>, onProgress?: ClvProgress): ParetoFit {
  onProgress?.('pnbd', null);
  const t0 = performance.now();
  const groups = frequencyGroups(req.triples, req.unitDays);
  const fit = fitParetoNbdModel(groups);
  const pnbd = { ...fit, boundary: detectBoundary(fit.logLik, pnbdDropout(fit.params), fitNbd(groups)) };
  return { pnbd, pnbdMs: performance.now() - t0 };
}

/** Fits Gamma-Gamma on the repeat buyers with positive spend. */
export function fitSpend(req: FitRequest): Pick<ClvFits, 'gg' | 'ggMs'> {
  const t0 = performance.now();
  const spend: SpendGroup[] = Array.from(req.spend.x, (x, i) => ({ x, m: req.spend.m[i], weight: req.spend.n[i] }));
  return { gg: fitGammaGamma(spend), ggMs: performance.now() - t0 };
}

/** Fits BG/NBD on every customer and Gamma-Gamma on the repeat buyers with positive spend, one after the other. */
export function fitModels(req: FitRequest, onProgress?: ClvProgress): ClvFits {
  const frequency = fitFrequency(req, onProgress);
  onProgress?.('gamma', null);
  return { ...frequency, ...fitSpend(req) };
}

/**
 * P(alive), expected and discounted purchases over the horizon, and expected holdout purchases, per triple, with
 * the request's model (at a boundary, the NBD's closed forms: no series).
 */
export function predictTriples(req: PredictRequest, onProgress?: ClvProgress): TripleOutputs {
  const t0 = performance.now();
  const { triples, unitDays } = req;
  const model = predictor(req.model);
  const size = triples.x.length;
  const out = {
    p_alive: new Float64Array(size),
    expected_purchases: new Float64Array(size),
    discounted_purchases: new Float64Array(size),
    holdout_expected: new Float64Array(size),
  };
  const month = DAYS_PER_MONTH / unitDays;
  const holdout = req.holdoutDays / unitDays;
  let failed = 0;
  for (let i = 0; i < size; i++) {
    if (i % 4096 === 0) onProgress?.('predict', i / size);
    const x = triples.x[i];
    const tx = triples.txDays[i] / unitDays;
    const T = triples.TDays[i] / unitDays;
    try {
      out.p_alive[i] = model.pAlive(x, tx, T);
      const d = model.discounted(x, tx, T, month, req.horizonMonths, req.monthlyDiscount);
      out.expected_purchases[i] = d.expected;
      out.discounted_purchases[i] = d.discounted;
      out.holdout_expected[i] = holdout > 0 ? model.expected(holdout, x, tx, T) : 0;
    } catch {
      // ₂F₁ overflow or non-convergence for an extreme history: this triple gets no values.
      out.p_alive[i] = out.expected_purchases[i] = out.discounted_purchases[i] = out.holdout_expected[i] = NaN;
    }
    if (![out.p_alive[i], out.expected_purchases[i], out.discounted_purchases[i], out.holdout_expected[i]].every(Number.isFinite)) failed++;
  }
  onProgress?.('predict', 1);
  return { ...out, failed, ms: performance.now() - t0 };
}

/** Each model's expected purchases over the holdout, per triple (NaN where a value could not be computed). */
export function holdoutTriples(req: HoldoutRequest): Float64Array[] {
  const { triples, unitDays } = req;
  const holdout = req.holdoutDays / unitDays;
  return req.models.map((m) => {
    const model = predictor(m);
    return Float64Array.from(triples.x, (x, i) => {
      try {
        return model.expected(holdout, x, triples.txDays[i] / unitDays, triples.TDays[i] / unitDays);
      } catch {
        return NaN;
      }
    });
  });
}

/** Each model's tracking curve and calibration frequency histogram, for comparison with the actual ones. */
export function diagnostics(req: DiagnosticsRequest): Diagnostics[] {
  const { unitDays, births, periods } = req;
  return req.models.map((m) => {
    const model = predictor(m);
    const trackingCumulative: number[] = [];
    for (let w = 1; w <= req.weeks; w++) {
      let sum = 0;
      for (let i = 0; i < births.days.length; i++) {
        const age = 7 * w - births.days[i];
        if (age > 0) sum += births.n[i] * model.unconditional(age / unitDays);
      }
      trackingCumulative.push(sum);
    }
    const frequencyHistogram = new Array<number>(CALIBRATION_TOP + 1).fill(0);
    for (let i = 0; i < periods.TDays.length; i++) {
      model.counts(periods.TDays[i] / unitDays, CALIBRATION_TOP).forEach((v, k) => (frequencyHistogram[k] += periods.n[i] * v));
    }
    return { trackingCumulative, frequencyHistogram };
  });
}

/** P(alive) and expected purchases over the horizon of hypothetical customers observed for T, on a frequency × recency grid. */
export function frequencyRecencyGrid(req: GridRequest): GridCell[] {
  const { unitDays } = req;
  const model = predictor(req.model);
  const T = req.TDays / unitDays;
  const width = T / req.steps;
  const horizon = (req.horizonMonths * DAYS_PER_MONTH) / unitDays;
  const cells: GridCell[] = [];
  for (let x = 0; x <= req.maxX; x++) {
    for (let k = 0; k < req.steps; k++) {
      const recency = (k + 0.5) * width;
      let p = NaN;
      let e = NaN;
      try {
        p = model.pAlive(x, recency, T);
        e = model.expected(horizon, x, recency, T);
      } catch {
        // left NaN: shown as a blank cell
      }
      cells.push({ frequency: x, recency, recency_from: k * width, recency_to: (k + 1) * width, p_alive: p, expected_purchases: e });
    }
  }
  return cells;
}

/** The functions the worker exposes. */
export const clvApi = { fitModels, fitFrequency, fitSpend, fitPareto, predictTriples, holdoutTriples, diagnostics, frequencyRecencyGrid };
export type ClvApi = typeof clvApi;

/** `clvApi` as the app reaches it: asynchronously, in a worker (`clv-client.ts`) or on the same thread. */
export interface ClvEngine {
  fitModels(req: FitRequest, onProgress?: ClvProgress): Promise<ClvFits>;
  fitPareto(req: Pick<FitRequest, 'triples' | 'unitDays'>, onProgress?: ClvProgress): Promise<ParetoFit>;
  predictTriples(req: PredictRequest, onProgress?: ClvProgress): Promise<TripleOutputs>;
  holdoutTriples(req: HoldoutRequest): Promise<Float64Array[]>;
  diagnostics(req: DiagnosticsRequest): Promise<Diagnostics[]>;
  frequencyRecencyGrid(req: GridRequest): Promise<GridCell[]>;
}

/** `clvApi` on the calling thread (tests, and a fallback where module workers are unavailable). */
export const localEngine: ClvEngine = {
  fitModels: async (req, onProgress) => fitModels(req, onProgress),
  fitPareto: async (req, onProgress) => fitPareto(req, onProgress),
  predictTriples: async (req, onProgress) => predictTriples(req, onProgress),
  holdoutTriples: async (req) => holdoutTriples(req),
  diagnostics: async (req) => diagnostics(req),
  frequencyRecencyGrid: async (req) => frequencyRecencyGrid(req),
};
