import type { CohortOptions } from '../analyses/cohorts/cohort-sql';
import type { Granularity } from '../analyses/cohorts/period';
import type { Dimension } from '../analyses/cohorts/scope';
import type { HeatmapMeasure } from '../charts/cohort-heatmap';

/** Whether a triangle cell counts customers active in period k, or in period k or later (unbounded). */
export type RetentionMode = 'bounded' | 'unbounded';

/** The Cohorts view's settings. One instance lives for the page, so switching tabs keeps them. */
export class CohortSettings {
  granularity = $state<Granularity>('month');
  mode = $state<RetentionMode>('bounded');
  measure = $state<HeatmapMeasure>('percent');
  /** Acquisition filter: a value per dimension, null for all. */
  filter = $state<Record<Dimension, string | null>>({ channel: null, region: null, category: null });
  /** N of the period-N retention trend. */
  trendPeriod = $state(1);
  showInactive = $state(true);

  get orLater(): boolean {
    return this.mode === 'unbounded';
  }

  /** A plain snapshot for the analyses; reading it makes a reactive context depend on the granularity and filter. */
  get options(): CohortOptions {
    return { granularity: this.granularity, filter: { ...this.filter } };
  }

  /** Clears filter values no longer present in the data (after files change). */
  keepKnownValues(values: Record<Dimension, readonly string[]>): void {
    for (const d of Object.keys(this.filter) as Dimension[]) {
      const v = this.filter[d];
      if (v !== null && !values[d].includes(v)) this.filter[d] = null;
    }
  }
}

export const cohortSettings = new CohortSettings();
