import { PRESET_SEGMENT_KEYS } from './presets';
import { MEASURES, type Measure, type Range, type Rule } from './settings';

/**
 * A segment: a stable key, its place in the order and, for a segment the user named, that name. A preset segment
 * (and "Others") has no `name`: it is named in the UI language at render, from its key.
 */
export interface Segment {
  key: string;
  order: number;
  name?: string;
}

/** The key of the segment that holds customers no rule matches. */
export const OTHERS = 'others';

/**
 * Turns ordered rules into segments: rules that share a typed name (or, unnamed, a preset key) form one segment, so
 * a segment can be any union of cells, and "Others" comes last. Never depends on the display language. Returns the
 * segments and, for each rule, the order of its segment.
 */
export function resolveSegments(rules: readonly Rule[]): { segments: Segment[]; ruleSegment: number[] } {
  const segments: Segment[] = [];
  const byIdentity = new Map<string, number>();
  const used = new Set<string>();
  const ruleSegment = rules.map((rule, i) => {
    const preset = rule.name === undefined && rule.key !== undefined && PRESET_SEGMENT_KEYS.has(rule.key);
    const name = preset ? undefined : rule.name?.trim() || `#${i + 1}`;
    const identity = name === undefined ? `key:${rule.key}` : `name:${name}`;
    const same = byIdentity.get(identity);
    if (same !== undefined) return same;
    let key = rule.key && /^[a-z0-9_]+$/.test(rule.key) && !used.has(rule.key) ? rule.key : `rule_${i + 1}`;
    if (used.has(key) || key === OTHERS) key = `rule_${i + 1}`;
    used.add(key);
    const order = segments.length;
    segments.push(name === undefined ? { key, order } : { key, order, name });
    byIdentity.set(identity, order);
    return order;
  });
  segments.push({ key: OTHERS, order: segments.length });
  return { segments, ruleSegment };
}

/**
 * An SQL expression naming the segment whose key is in `keyColumn`: `CASE keyColumn WHEN 'champions' THEN $n …`,
 * the names (in `segments` order) bound from `$firstParam` on. Keys are `[a-z0-9_]` (see `resolveSegments`).
 */
export function segmentNameSql(segments: readonly Segment[], names: readonly string[], keyColumn: string, firstParam: number): { sql: string; params: string[] } {
  if (segments.length === 0) return { sql: 'CAST(NULL AS VARCHAR)', params: [] };
  const whens = segments.map((s, i) => `WHEN '${s.key}' THEN CAST($${firstParam + i} AS VARCHAR)`);
  return { sql: `CASE ${keyColumn} ${whens.join(' ')} END`, params: segments.map((_, i) => names[i] ?? '') };
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
