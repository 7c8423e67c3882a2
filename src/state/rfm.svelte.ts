import { SerialQueue } from '../db/serial-queue';
import type { Db } from '../db/db';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';
import { createRfmCustomersSql, createRfmMeasuresSql } from '../analyses/rfm/rfm-sql';
import { PRESET_SEGMENT_KEYS, presetRules, type Scheme } from '../analyses/rfm/presets';
import { OTHERS, type Segment } from '../analyses/rfm/segments';
import {
  cleanCuts, clampBins, DEFAULT_TIERS, isSplit, MEASURES, scoreLevels,
  type Measure, type Range, type Rule, type Scoring, type ScoringMethod, type Tiers,
} from '../analyses/rfm/settings';

/** What a materialisation produced: the segments in order, and a counter that changes with every rebuild. */
export interface RfmBuild {
  segments: Segment[];
  build: number;
}

/**
 * The RFM settings the user chose (scoring, segment scheme and rules, tiers), shared by every view, and the one
 * place that materialises `rfm_measures` and `rfm_customers` for them. Jobs on those tables run one at a time.
 */
export class RfmState {
  method = $state<ScoringMethod>('quantile');
  bins = $state(5);
  thresholds = $state<Record<Measure, number[]>>({ r: [30, 90, 180, 365], f: [2, 3, 5, 10], m: [50, 100, 250, 500] });
  split = $state<Record<Measure, number | null>>({ r: null, f: null, m: null });
  scheme = $state<Scheme>('rf_grid');
  customRules = $state<Rule[]>([]);
  tiers = $state<Tiers>({ ...DEFAULT_TIERS });

  private queue = new SerialQueue();
  private measuresKey = '';
  private customersKey = '';
  private last: RfmBuild = { segments: [], build: 0 };

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

  /** A rule's segment name in the UI language. */
  nameOf = (rule: Rule): string => rule.name ?? (rule.key && PRESET_SEGMENT_KEYS.has(rule.key) ? i18n.t(`rfm.seg.${rule.key}` as MessageKey) : '');

  /** The statement creating `rfm_customers` for the current settings (from `rfm_measures`, or from `transactions` with `asOf`). */
  statement(asOf?: string): ReturnType<typeof createRfmCustomersSql> {
    return createRfmCustomersSql({ scoring: this.scoring, rules: this.rules, nameOf: this.nameOf, othersName: i18n.t('rfm.seg.others'), tiers: this.tiers, asOf });
  }

  /**
   * Runs `job` once `rfm_customers` matches the current settings for `asOf` and the data `version`, rebuilding only
   * what changed (the measures when the data or date changed; the scores and segments when a setting did).
   * Jobs run one after another, so none reads a table another is replacing. Views that join `rfm_customers`
   * (CLV, Lifecycle, Customer 360) call this too, rather than running `createRfmCustomersSql` themselves, so the
   * table keeps the user's settings and this cache stays true.
   */
  withTable<T>(db: Db, asOf: string, version: number, job: (built: RfmBuild) => Promise<T>): Promise<T> {
    const q = this.statement();
    const run = async () => {
      const measuresKey = `${asOf}|${version}`;
      if (measuresKey !== this.measuresKey) {
        this.measuresKey = '';
        await db.query(createRfmMeasuresSql(), [asOf]);
        this.measuresKey = measuresKey;
        this.customersKey = '';
      }
      const customersKey = JSON.stringify([q.sql, q.params]);
      if (customersKey !== this.customersKey) {
        this.customersKey = '';
        await db.query(q.sql, q.params);
        this.customersKey = customersKey;
        this.last = { segments: q.segments, build: this.last.build + 1 };
      }
      return job(this.last);
    };
    return this.queue.run(run);
  }
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
