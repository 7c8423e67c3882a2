import { firstMatch } from './segments';
import type { Measure, Range, Rule } from './settings';

/** In one R × F cell, the M scores `[mFrom, mTo]` that go to rule `rule` (-1: no rule, "Others"). */
export interface CoveragePart {
  rule: number;
  mFrom: number;
  mTo: number;
}

export interface CoverageCell {
  r: number;
  f: number;
  /** Consecutive M scores with the same first matching rule, low M first. */
  parts: CoveragePart[];
}

/**
 * Which rule each combination of scores falls to, as an R × F grid (R high first) whose cells list the M bands.
 * Also the rules that no score reaches (hidden by earlier rules or outside the levels) and whether any combination
 * is left to "Others".
 */
export function coverage(rules: readonly Rule[], levels: Record<Measure, Range>): { rows: CoverageCell[][]; unreachable: number[]; uncovered: boolean } {
  const reached = new Set<number>();
  const rows: CoverageCell[][] = [];
  let uncovered = false;
  for (let r = levels.r[1]; r >= levels.r[0]; r--) {
    const row: CoverageCell[] = [];
    for (let f = levels.f[0]; f <= levels.f[1]; f++) {
      const parts: CoveragePart[] = [];
      for (let m = levels.m[0]; m <= levels.m[1]; m++) {
        const rule = firstMatch(rules, { r, f, m });
        reached.add(rule);
        if (rule < 0) uncovered = true;
        const last = parts[parts.length - 1];
        if (last && last.rule === rule) last.mTo = m;
        else parts.push({ rule, mFrom: m, mTo: m });
      }
      row.push({ r, f, parts });
    }
    rows.push(row);
  }
  const unreachable = rules.map((_, i) => i).filter((i) => !reached.has(i));
  return { rows, unreachable, uncovered };
}
