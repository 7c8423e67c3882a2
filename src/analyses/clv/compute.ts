/**
 * The CLV computations that run off the main thread (`clv-worker.ts` exposes `clvApi`): the model fits on grouped
 * customers and the model's outputs per distinct (x, t_x, T). Inputs and outputs are columnar typed arrays, so
 * they cross the worker boundary cheaply; time is passed in whole days and converted with `unitDays` here.
 */
import { expectedPurchases, pAlive, unconditionalExpected, type BgNbdFit, type BgNbdParams } from './bgnbd';
import { fitFrequencyModel } from './coarse-fit';
import { purchaseCountProbabilities } from './bgnbd-pmf';
import { DAYS_PER_MONTH, discountedPurchases } from './clv';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import type { FrequencyGroup, SpendGroup } from './group';
import { TOP_FREQUENCY } from './holdout-sql';

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

export type ClvStage = 'bgnbd' | 'gamma' | 'predict';
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

export interface PredictRequest {
  bg: BgNbdParams;
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
}

export interface DiagnosticsRequest {
  bg: BgNbdParams;
  unitDays: number;
  /** First purchase day of the calibration customers, in days after the earliest one, with counts. */
  births: { days: Float64Array; n: Float64Array };
  /** Weeks of the tracking plot, from the earliest first purchase. */
  weeks: number;
  /** Distinct T (days) of the calibration customers with counts. */
  periods: { TDays: Float64Array; n: Float64Array };
}

export interface Diagnostics {
  /** Expected cumulative repeat purchases at the end of each week 1 … weeks. */
  trackingCumulative: number[];
  /** Expected number of customers with 0 … 6 and 7+ repeat purchases in the calibration period. */
  frequencyHistogram: number[];
}

export interface GridRequest {
  bg: BgNbdParams;
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

/** Fits BG/NBD on every customer (grouped by identical history). */
export function fitFrequency(req: FitRequest, onProgress?: ClvProgress): Pick<ClvFits, 'bg' | 'bgMs'> {
  onProgress?.('bgnbd', null);
  const t0 = performance.now();
  const bg = fitFrequencyModel(frequencyGroups(req.triples, req.unitDays), () => onProgress?.('bgnbd', 0.25));
  return { bg, bgMs: performance.now() - t0 };
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

/** P(alive), expected and discounted purchases over the horizon, and expected holdout purchases, per triple. */
export function predictTriples(req: PredictRequest, onProgress?: ClvProgress): TripleOutputs {
  const { bg, triples, unitDays } = req;
  const size = triples.x.length;
  const out = {
    p_alive: new Float64Array(size),
    expected_purchases: new Float64Array(size),
    discounted_purchases: new Float64Array(size),
    holdout_expected: new Float64Array(size),
  };
  const opts = { horizonMonths: req.horizonMonths, monthlyDiscount: req.monthlyDiscount, unitDays };
  let failed = 0;
  for (let i = 0; i < size; i++) {
    if (i % 4096 === 0) onProgress?.('predict', i / size);
    const x = triples.x[i];
    const tx = triples.txDays[i] / unitDays;
    const T = triples.TDays[i] / unitDays;
    try {
      out.p_alive[i] = pAlive(bg, x, tx, T);
      const d = discountedPurchases(bg, x, tx, T, opts);
      out.expected_purchases[i] = d.expected;
      out.discounted_purchases[i] = d.discounted;
      out.holdout_expected[i] = req.holdoutDays > 0 ? expectedPurchases(bg, req.holdoutDays / unitDays, x, tx, T) : 0;
    } catch {
      // ₂F₁ overflow or non-convergence for an extreme history: this triple gets no values.
      out.p_alive[i] = out.expected_purchases[i] = out.discounted_purchases[i] = out.holdout_expected[i] = NaN;
    }
    if (![out.p_alive[i], out.expected_purchases[i], out.discounted_purchases[i], out.holdout_expected[i]].every(Number.isFinite)) failed++;
  }
  onProgress?.('predict', 1);
  return { ...out, failed };
}

/** The model's tracking curve and calibration frequency histogram, for comparison with the actual ones. */
export function diagnostics(req: DiagnosticsRequest): Diagnostics {
  const { bg, unitDays, births, periods } = req;
  const trackingCumulative: number[] = [];
  for (let w = 1; w <= req.weeks; w++) {
    let sum = 0;
    for (let i = 0; i < births.days.length; i++) {
      const age = 7 * w - births.days[i];
      if (age > 0) sum += births.n[i] * unconditionalExpected(bg, age / unitDays);
    }
    trackingCumulative.push(sum);
  }
  const frequencyHistogram = new Array<number>(TOP_FREQUENCY + 1).fill(0);
  for (let i = 0; i < periods.TDays.length; i++) {
    const p = purchaseCountProbabilities(bg, periods.TDays[i] / unitDays, TOP_FREQUENCY);
    p.forEach((v, k) => (frequencyHistogram[k] += periods.n[i] * v));
  }
  return { trackingCumulative, frequencyHistogram };
}

/** P(alive) and expected purchases over the horizon of hypothetical customers observed for T, on a frequency × recency grid. */
export function frequencyRecencyGrid(req: GridRequest): GridCell[] {
  const { bg, unitDays } = req;
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
        p = pAlive(bg, x, recency, T);
        e = expectedPurchases(bg, horizon, x, recency, T);
      } catch {
        // left NaN: shown as a blank cell
      }
      cells.push({ frequency: x, recency, recency_from: k * width, recency_to: (k + 1) * width, p_alive: p, expected_purchases: e });
    }
  }
  return cells;
}

/** The functions the worker exposes. */
export const clvApi = { fitModels, fitFrequency, fitSpend, predictTriples, diagnostics, frequencyRecencyGrid };
export type ClvApi = typeof clvApi;

/** `clvApi` as the app reaches it: asynchronously, in a worker (`clv-client.ts`) or on the same thread. */
export interface ClvEngine {
  fitModels(req: FitRequest, onProgress?: ClvProgress): Promise<ClvFits>;
  predictTriples(req: PredictRequest, onProgress?: ClvProgress): Promise<TripleOutputs>;
  diagnostics(req: DiagnosticsRequest): Promise<Diagnostics>;
  frequencyRecencyGrid(req: GridRequest): Promise<GridCell[]>;
}

/** `clvApi` on the calling thread (tests, and a fallback where module workers are unavailable). */
export const localEngine: ClvEngine = {
  fitModels: async (req, onProgress) => fitModels(req, onProgress),
  predictTriples: async (req, onProgress) => predictTriples(req, onProgress),
  diagnostics: async (req) => diagnostics(req),
  frequencyRecencyGrid: async (req) => frequencyRecencyGrid(req),
};
