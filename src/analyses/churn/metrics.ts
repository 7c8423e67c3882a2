/** How well churn scores rank and match the labels (1 = churned): AUC, ROC, gains, confusion, calibration, Spearman. */

export interface RocPoint {
  /** Customers scoring at least this are predicted to churn; the first point's is Infinity (nobody). */
  threshold: number;
  fpr: number;
  tpr: number;
}

export interface GainsRow {
  /** 1 for the highest scores. */
  decile: number;
  customers: number;
  churners: number;
  churnRate: number;
  /** The share of all churners in this and the higher deciles; null when there are no churners. */
  cumulativeShare: number | null;
  /** churnRate ÷ the overall churn rate; null when there are no churners. */
  lift: number | null;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** null when there are no customers. */
  accuracy: number | null;
  /** null when nobody is predicted to churn. */
  precision: number | null;
  /** null when there are no churners. */
  recall: number | null;
}

export interface CalibrationBin {
  /** 0 for the lowest scores. */
  bin: number;
  /** The bin holds from ≤ score < to (the last bin also score 1). */
  from: number;
  to: number;
  customers: number;
  meanScore: number;
  churnRate: number;
}

function check(scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) throw new Error(`${scores.length} scores for ${labels.length} labels`);
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new Error(`score ${i} is not a number`);
    if (labels[i] !== 0 && labels[i] !== 1) throw new Error(`label ${labels[i]} is neither 0 nor 1`);
  }
}

/** The indices by descending score; equal scores keep their input order. */
function descending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

/**
 * The probability that a random churner scores above a random non-churner, ties counting ½ (Mann–Whitney: the
 * average-rank formula, summed by runs of equal scores); null without both churners and non-churners.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  check(scores, labels);
  const order = descending(scores);
  // Twice the count of (churner, non-churner) pairs ordered right, plus the tied pairs: whole numbers, exact.
  let twicePairs = 0;
  let churnersAbove = 0;
  let churners = 0;
  let others = 0;
  for (let p = 0; p < order.length; ) {
    let runChurners = 0;
    let runOthers = 0;
    const score = scores[order[p]];
    for (; p < order.length && scores[order[p]] === score; p++) {
      if (labels[order[p]]) runChurners++;
      else runOthers++;
    }
    twicePairs += runOthers * (2 * churnersAbove + runChurners);
    churnersAbove += runChurners;
    churners += runChurners;
    others += runOthers;
  }
  return churners && others ? twicePairs / (2 * churners * others) : null;
}

/**
 * The ROC curve: (0, 0), then a point after each distinct score from the highest down (everyone scoring at least it
 * predicted to churn), ending at (1, 1). Empty without both churners and non-churners.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocPoint[] {
  check(scores, labels);
  let churners = 0;
  for (let i = 0; i < labels.length; i++) churners += labels[i];
  const others = labels.length - churners;
  if (!churners || !others) return [];
  const order = descending(scores);
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let p = 0; p < order.length; ) {
    const threshold = scores[order[p]];
    for (; p < order.length && scores[order[p]] === threshold; p++) {
      if (labels[order[p]]) tp++;
      else fp++;
    }
    points.push({ threshold, fpr: fp / others, tpr: tp / churners });
  }
  return points;
}

/**
 * The curve with fewer points, for drawing: the first and last points, and each point that lies at least `step` from
 * the last one kept in false or true positive rate (at most about 2 / step + 2 points). Between kept points the
 * curve moves by less than `step` plus one of its own steps.
 */
export function thinCurve(points: readonly RocPoint[], step = 1 / 100): RocPoint[] {
  if (points.length <= 2) return [...points];
  const kept: RocPoint[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const last = kept[kept.length - 1]!;
    if (Math.max(Math.abs(p.fpr - last.fpr), Math.abs(p.tpr - last.tpr)) >= step) kept.push(p);
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

/**
 * Customers by descending score (equal scores in input order) cut into `groups` runs as equal as possible, the first
 * ones a customer larger when they do not divide evenly; with fewer customers than groups, one group each.
 */
export function gains(scores: ArrayLike<number>, labels: ArrayLike<number>, groups = 10): GainsRow[] {
  check(scores, labels);
  if (!Number.isInteger(groups) || groups < 1) throw new Error('groups must be a whole number, at least 1');
  const n = scores.length;
  const order = descending(scores);
  let total = 0;
  for (let i = 0; i < n; i++) total += labels[i];
  const base = Math.floor(n / groups);
  const larger = n % groups;
  const rows: GainsRow[] = [];
  let cumulative = 0;
  for (let g = 0, p = 0; g < groups && p < n; g++) {
    const size = base + (g < larger ? 1 : 0);
    let churners = 0;
    for (const end = p + size; p < end; p++) churners += labels[order[p]];
    cumulative += churners;
    const churnRate = churners / size;
    rows.push({
      decile: g + 1,
      customers: size,
      churners,
      churnRate,
      cumulativeShare: total ? cumulative / total : null,
      lift: total ? churnRate / (total / n) : null,
    });
  }
  return rows;
}

/** The counts at one cut-off: a customer is predicted to churn when the score is at least the threshold. */
export function confusion(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  check(scores, labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i] >= threshold;
    if (labels[i]) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  const n = scores.length;
  return {
    tp,
    fp,
    tn,
    fn,
    accuracy: n ? (tp + tn) / n : null,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
  };
}

/** Equal-width bins of the scores (which must lie in [0, 1]) with their mean score and churn rate; empty bins left out. */
export function calibration(scores: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  check(scores, labels);
  if (!Number.isInteger(bins) || bins < 1) throw new Error('bins must be a whole number, at least 1');
  const customers = new Float64Array(bins);
  const scoreSums = new Float64Array(bins);
  const churners = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s >= 0 && s <= 1)) throw new Error(`score ${s} is outside 0 … 1`);
    // The bin whose edges b / bins ≤ s < (b + 1) / bins, computed as reported (s · bins can round across an edge).
    let b = Math.min(Math.floor(s * bins), bins - 1);
    if (b > 0 && s < b / bins) b--;
    else if (b < bins - 1 && s >= (b + 1) / bins) b++;
    customers[b]++;
    scoreSums[b] += s;
    churners[b] += labels[i];
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (!customers[b]) continue;
    out.push({
      bin: b,
      from: b / bins,
      to: (b + 1) / bins,
      customers: customers[b],
      meanScore: scoreSums[b] / customers[b],
      churnRate: churners[b] / customers[b],
    });
  }
  return out;
}

/** Ranks from 1, ties sharing their average rank. */
function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let p = 0; p < order.length; ) {
    let q = p;
    while (q + 1 < order.length && values[order[q + 1]] === values[order[p]]) q++;
    const rank = (p + q) / 2 + 1;
    for (let r = p; r <= q; r++) ranks[order[r]] = rank;
    p = q + 1;
  }
  return ranks;
}

/** Spearman's rank correlation (the Pearson correlation of average ranks); null when either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length) throw new Error(`${a.length} values against ${b.length}`);
  for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]) || Number.isNaN(b[i])) throw new Error(`value ${i} is not a number`);
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const n = a.length;
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - mean;
    const db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}
