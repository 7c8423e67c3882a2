import { MEASURES, type Measure, type Range, type Rule } from './settings';

/** A segment as the tables show it: a stable key, a name in the UI language and its place in the order. */
export interface Segment {
  key: string;
  name: string;
  order: number;
}

/** The key of the segment that holds customers no rule matches. */
export const OTHERS = 'others';

/**
 * Turns ordered rules into segments: rules that share a name form one segment (so a segment can be any union of
 * cells), and "Others" comes last. `nameOf` gives a rule's name in the UI language; `othersName` names "Others".
 * Returns the segments and, for each rule, the order of its segment.
 */
export function resolveSegments(rules: readonly Rule[], nameOf: (rule: Rule) => string, othersName: string): { segments: Segment[]; ruleSegment: number[] } {
  const segments: Segment[] = [];
  const used = new Set<string>();
  const ruleSegment = rules.map((rule, i) => {
    const name = nameOf(rule).trim() || `#${i + 1}`;
    const same = segments.find((s) => s.name === name);
    if (same) return same.order;
    let key = rule.key && /^[a-z0-9_]+$/.test(rule.key) && !used.has(rule.key) ? rule.key : `rule_${i + 1}`;
    if (used.has(key) || key === OTHERS) key = `rule_${i + 1}`;
    used.add(key);
    segments.push({ key, name, order: segments.length });
    return segments.length - 1;
  });
  segments.push({ key: OTHERS, name: othersName, order: segments.length });
  return { segments, ruleSegment };
}

/** A range as whole scores, low first. */
function bounds(range: Range): [number, number] {
  return [Math.trunc(Math.min(range[0], range[1])), Math.trunc(Math.max(range[0], range[1]))];
}

function cond(column: string, range: Range | null): string | null {
  if (!range) return null;
  const [lo, hi] = bounds(range);
  return lo === hi ? `${column} = ${lo}` : `${column} BETWEEN ${lo} AND ${hi}`;
}

const SCORE_COLUMN: Record<Measure, string> = { r: 'r_score', f: 'f_score', m: 'm_score' };

/** The SQL condition of one rule on `r_score`, `f_score`, `m_score` (TRUE when every range is "any"). */
export function ruleConditionSql(rule: Rule): string {
  const parts = MEASURES.map((m) => cond(SCORE_COLUMN[m], rule[m])).filter((p): p is string => p !== null);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/**
 * A CASE expression giving each customer the order of its segment: the first rule that matches wins; no match
 * gives `othersOrder` ("Others").
 */
export function segmentOrderSql(rules: readonly Rule[], ruleSegment: readonly number[], othersOrder: number): string {
  if (rules.length === 0) return String(othersOrder);
  const whens = rules.map((rule, i) => `WHEN ${ruleConditionSql(rule)} THEN ${ruleSegment[i]}`);
  return `CASE\n    ${whens.join('\n    ')}\n    ELSE ${othersOrder}\n  END`;
}

/** The first rule matching the given scores, or -1. The same logic as `segmentOrderSql`, for the coverage grid. */
export function firstMatch(rules: readonly Rule[], scores: Record<Measure, number>): number {
  const inRange = (range: Range | null, v: number) => !range || (v >= bounds(range)[0] && v <= bounds(range)[1]);
  return rules.findIndex((rule) => MEASURES.every((m) => inRange(rule[m], Math.trunc(scores[m]))));
}
