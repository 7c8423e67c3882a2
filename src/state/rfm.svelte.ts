import type { TableSpec } from '../query/query-layer';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';
import { rfmCustomers, type NameSql, type RfmOptions } from '../analyses/rfm/rfm-sql';
import { PRESET_SEGMENT_KEYS, presetRules, type Scheme } from '../analyses/rfm/presets';
import { OTHERS, resolveSegments, segmentNameSql, type Segment } from '../analyses/rfm/segments';
import {
  cleanCuts, clampBins, DEFAULT_TIERS, isSplit, MEASURES, scoreLevels,
  type Measure, type Range, type Rule, type Scoring, type ScoringMethod, type Tiers,
} from '../analyses/rfm/settings';

/**
 * The RFM settings the user chose (scoring, segment scheme and rules, tiers), shared by every view, and the
 * `rfm_customers` table they define (`table`), which the query layer builds: views that join it declare it.
 */
export class RfmState {
  method = $state<ScoringMethod>('quantile');
  bins = $state(5);
  thresholds = $state<Record<Measure, number[]>>({ r: [30, 90, 180, 365], f: [2, 3, 5, 10], m: [50, 100, 250, 500] });
  split = $state<Record<Measure, number | null>>({ r: null, f: null, m: null });
  scheme = $state<Scheme>('rf_grid');
  customRules = $state<Rule[]>([]);
  tiers = $state<Tiers>({ ...DEFAULT_TIERS });

  get scoring(): Scoring {
    return { method: this.method, bins: clampBins(this.bins), thresholds: this.thresholds, split: this.split };
  }

  /** Lowest and highest score per measure under the current scoring. */
  get levels(): Record<Measure, Range> {
    return scoreLevels(this.scoring);
  }

  /** The rules in force: the preset's for the current levels, or the user's own. */
  get rules(): Rule[] {
    return this.scheme === 'custom' ? this.customRules : presetRules(this.scheme, this.levels);
  }

  /** Picks a scheme; the 8-class scheme needs high/low scores and the others scores 1…n, so the scoring follows. */
  setScheme(scheme: Scheme): void {
    if (scheme === 'custom') this.customRules = this.rules.map(copyRule);
    else if (scheme === 'eight_class' && !isSplit(this.method)) this.method = 'mean';
    else if (scheme !== 'eight_class' && isSplit(this.method)) this.method = 'quantile';
    this.scheme = scheme;
  }

  /** Picks a scoring method, moving off a preset that does not fit it (8-class ↔ the 1…n schemes). */
  setMethod(method: ScoringMethod): void {
    this.method = method;
    if (this.scheme === 'eight_class' && !isSplit(method)) this.scheme = 'rf_grid';
    else if (this.scheme !== 'eight_class' && this.scheme !== 'custom' && isSplit(method)) this.scheme = 'eight_class';
  }

  /** Changes the rules; a preset becomes custom rules first. */
  editRules(change: (rules: Rule[]) => Rule[]): void {
    const base = this.scheme === 'custom' ? this.customRules.map(copyRule) : this.rules.map(copyRule);
    this.customRules = change(base);
    this.scheme = 'custom';
  }

  /** Sets one measure's cut points from text such as "30, 90, 180". */
  setThresholds(m: Measure, text: string): void {
    this.thresholds[m] = cleanCuts(text.split(/[,，;\s]+/).filter(Boolean).map(Number));
  }

  /** A rule's segment name in the UI language (a typed name, else the preset's). */
  nameOf = (rule: Rule): string => rule.name ?? (rule.key && PRESET_SEGMENT_KEYS.has(rule.key) ? i18n.t(`rfm.seg.${rule.key}` as MessageKey) : '');

  /** The segments of the current rules, in order, "Others" last (independent of the language). */
  get segments(): Segment[] {
    return resolveSegments(this.rules).segments;
  }

  /** `rfm_customers` for the as-of date and the current settings (after `rfm_measures` and `customer_facts`). */
  table(asOf: string): TableSpec {
    return rfmCustomers(asOf, this.options).spec;
  }

  /** The settings `rfm_customers` is built from. */
  get options(): RfmOptions {
    return { scoring: this.scoring, rules: this.rules, tiers: this.tiers };
  }

  /**
   * An SQL expression giving the segment's name in the UI language from the `segment_key` column `keyColumn`,
   * the names bound as `$firstParam`, `$firstParam + 1`, … (append `params` to the statement's parameters).
   */
  segmentName(keyColumn: string, firstParam: number): NameSql {
    const segments = this.segments;
    return segmentNameSql(segments, segments.map(segmentLabel), keyColumn, firstParam);
  }
}

/** A segment's name in the UI language: the name the user typed, else the preset's (or "Others"). */
export function segmentLabel(segment: Segment): string {
  if (segment.name !== undefined) return segment.name;
  if (segment.key === OTHERS) return i18n.t('rfm.seg.others');
  return PRESET_SEGMENT_KEYS.has(segment.key) ? i18n.t(`rfm.seg.${segment.key}` as MessageKey) : segment.key;
}

function copyRule(rule: Rule): Rule {
  const range = (r: Range | null): Range | null => (r ? [r[0], r[1]] : null);
  return { ...(rule.key ? { key: rule.key } : {}), ...(rule.name !== undefined ? { name: rule.name } : {}), r: range(rule.r), f: range(rule.f), m: range(rule.m) };
}

/** What a segment stands for and what to do about it, in the UI language. */
export function segmentText(segment: Segment, rule: Rule | undefined): { meaning: string; action: string } {
  const t = i18n.t;
  if (segment.key === OTHERS) return { meaning: t('rfm.seg.others.meaning'), action: t('rfm.seg.others.action') };
  if (PRESET_SEGMENT_KEYS.has(segment.key)) {
    return { meaning: t(`rfm.seg.${segment.key}.meaning` as MessageKey), action: t(`rfm.seg.${segment.key}.action` as MessageKey) };
  }
  const ranges = rule
    ? MEASURES.map((m) => (rule[m] ? `${m.toUpperCase()} ${rule[m]![0]}–${rule[m]![1]}` : null)).filter(Boolean).join(', ') || '*'
    : '*';
  return { meaning: t('rfm.seg.custom.meaning', { ranges }), action: '–' };
}

/** The RFM settings of this tab, shared by the RFM view and every view that joins `rfm_customers`. */
export const rfm = new RfmState();
