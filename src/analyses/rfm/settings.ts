/** One of the three RFM measures: recency, frequency, monetary. */
export type Measure = 'r' | 'f' | 'm';
export const MEASURES: readonly Measure[] = ['r', 'f', 'm'];

/** The column each measure is computed into. */
export const MEASURE_COLUMN: Record<Measure, 'recency_days' | 'frequency' | 'monetary'> = {
  r: 'recency_days',
  f: 'frequency',
  m: 'monetary',
};

/**
 * How R, F and M become scores:
 * - `quantile`: RANK-based quantile scores 1…bins (ties equal);
 * - `thresholds`: the user's cut points per measure, scores 1…k+1;
 * - `mean`, `median`, `split`: high (1) / low (0) against the mean, the median or the user's value per measure.
 */
export type ScoringMethod = 'quantile' | 'thresholds' | 'mean' | 'median' | 'split';

export interface Scoring {
  method: ScoringMethod;
  /** Number of quantile scores, 3–9. */
  bins: number;
  /** Cut points per measure for `thresholds` (recency in days, monetary in money). */
  thresholds: Record<Measure, number[]>;
  /** The split value per measure for `split`; null falls back to the mean. */
  split: Record<Measure, number | null>;
}

/** An inclusive score range [low, high]. */
export type Range = readonly [number, number];

/** One segment rule: a customer whose scores lie in every given range (null = any) belongs to it. */
export interface Rule {
  /** A preset segment's stable key (its name, meaning and action come from the UI strings). */
  key?: string;
  /** A name typed by the user; overrides the preset name. */
  name?: string;
  r: Range | null;
  f: Range | null;
  m: Range | null;
}

/** A/B/C customer tiers by monetary rank: A = top `a` %, B = the next `b` %, C = the rest. */
export interface Tiers {
  a: number;
  b: number;
}

export const MIN_BINS = 3;
export const MAX_BINS = 9;
/** Scores must stay single digits for `rfm_score = 100·R + 10·F + M`: at most 8 cut points. */
export const MAX_CUTS = 8;

export const DEFAULT_SCORING: Scoring = {
  method: 'quantile',
  bins: 5,
  thresholds: { r: [], f: [], m: [] },
  split: { r: null, f: null, m: null },
};
export const DEFAULT_TIERS: Tiers = { a: 20, b: 30 };

/** True for the high/low methods (scores 0 and 1). */
export function isSplit(method: ScoringMethod): boolean {
  return method === 'mean' || method === 'median' || method === 'split';
}

/** Sorted distinct finite cut points, at most `MAX_CUTS`. */
export function cleanCuts(values: readonly number[]): number[] {
  return [...new Set(values.filter((v) => Number.isFinite(v)))].sort((x, y) => x - y).slice(0, MAX_CUTS);
}

/** The lowest and highest score each measure can get under `scoring`. */
export function scoreLevels(scoring: Scoring): Record<Measure, Range> {
  const of = (m: Measure): Range => {
    if (isSplit(scoring.method)) return [0, 1];
    if (scoring.method === 'thresholds') return [1, cleanCuts(scoring.thresholds[m]).length + 1];
    return [1, clampBins(scoring.bins)];
  };
  return { r: of('r'), f: of('f'), m: of('m') };
}

/** Bins limited to 3–9 whole numbers. */
export function clampBins(bins: number): number {
  return Math.min(MAX_BINS, Math.max(MIN_BINS, Math.round(Number.isFinite(bins) ? bins : 5)));
}

/** Writes a number as a SQL literal; refuses anything that is not finite. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}
