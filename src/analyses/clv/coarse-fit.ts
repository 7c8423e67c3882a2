import { fitBgNbd, type BgNbdFit } from './bgnbd';
import type { FrequencyGroup } from './group';
import { fitParetoNbd, type ParetoNbdFit } from './pareto-nbd';

/** Above this many distinct histories, BG/NBD is searched on a coarser time grid first. */
export const COARSE_ABOVE = 4000;
/** Steps of the coarse grid over the longest T. */
const COARSE_STEPS = 15;

/**
 * The histories with t_x and T rounded to a grid of COARSE_STEPS steps over the longest T (merged where equal):
 * a likelihood of the same shape at a fraction of the cost, whose optimum is a close start for the full fit.
 */
export function coarsenGroups(groups: readonly FrequencyGroup[]): FrequencyGroup[] {
  const maxT = groups.reduce((m, g) => Math.max(m, g.T), 0);
  const step = maxT / COARSE_STEPS || 1;
  const merged = new Map<string, FrequencyGroup>();
  for (const g of groups) {
    const T = Math.round(g.T / step) * step;
    const tx = Math.min(T, Math.round(g.tx / step) * step);
    const key = `${g.x} ${tx} ${T}`;
    const m = merged.get(key);
    if (m) m.weight += g.weight;
    else merged.set(key, { x: g.x, tx, T, weight: g.weight });
  }
  return [...merged.values()];
}

/**
 * BG/NBD on every customer. With many distinct histories the multi-start search runs on `coarsenGroups` and the
 * full likelihood is then maximised from its optimum alone: on 65,000 histories the same optimum (log-likelihood
 * equal to 1e-8) in about a third of the time. `onCoarseDone` marks the end of the coarse search.
 */
export function fitFrequencyModel(groups: FrequencyGroup[], onCoarseDone?: () => void): BgNbdFit {
  if (groups.length <= COARSE_ABOVE) return fitBgNbd(groups);
  const coarse = fitBgNbd(coarsenGroups(groups));
  const { r, alpha, a, b } = coarse.params;
  if (![r, alpha, a, b].every(Number.isFinite)) return fitBgNbd(groups);
  onCoarseDone?.();
  return fitBgNbd(groups, { starts: [coarse.params], defaultStarts: false });
}

/** Pareto/NBD on every customer, searched on `coarsenGroups` first when there are many distinct histories (as `fitFrequencyModel`). */
export function fitParetoNbdModel(groups: FrequencyGroup[]): ParetoNbdFit {
  if (groups.length <= COARSE_ABOVE) return fitParetoNbd(groups);
  const coarse = fitParetoNbd(coarsenGroups(groups));
  if (!Object.values(coarse.params).every(Number.isFinite)) return fitParetoNbd(groups);
  return fitParetoNbd(groups, { starts: [coarse.params], defaultStarts: false });
}
