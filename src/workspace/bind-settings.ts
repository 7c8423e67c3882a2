import { savedSettings } from './saved-settings.svelte';
import { rfm } from '../state/rfm.svelte';
import { clv } from '../state/clv.svelte';
import { churn } from '../state/churn-scores.svelte';
import { cohortSettings } from '../state/cohorts.svelte';
import { lifecycle } from '../state/lifecycle.svelte';
import { migration } from '../state/migration.svelte';
import { behaviour } from '../state/behaviour.svelte';
import { cockpitSettings } from '../state/cockpit.svelte';
import { clusterNames } from '../state/cluster-model.svelte';

/** The settings shared by the views (one object each for the page); each view's own settings bind where they live. */
export function bindSharedSettings(): void {
  savedSettings.bind('rfm', rfm, ['method', 'bins', 'thresholds', 'split', 'scheme', 'customRules', 'tiers']);
  savedSettings.bind('clv', clv, ['unit', 'horizonMonths', 'monthlyDiscount', 'margin', 'model', 'cacInput']);
  savedSettings.bind('churn', churn, ['cutoff', 'windowDays', 'minLeaf', 'depth', 'C', 'scoreModel', 'threshold']);
  savedSettings.bind('cohorts', cohortSettings, ['granularity', 'mode', 'measure', 'filter', 'trendPeriod', 'showInactive']);
  savedSettings.bind('lifecycle', lifecycle, ['windowDays', 'includeChurned', 'survivalGroup']);
  savedSettings.bind('migration', migration, ['from', 'to', 'by']);
  savedSettings.bind('behaviour', behaviour, ['section', 'topN', 'minSupport']);
  savedSettings.bind('cockpit', cockpitSettings, ['grain', 'period', 'from', 'to']);
  savedSettings.bind('clusterNames', clusterNames, ['typed']);
}
