import type { MessageKey } from './en';
import { coreZh } from './messages/core-zh';
import { cohortsZh } from './messages/cohorts-zh';
import { rfmZh } from './messages/rfm-zh';
import { clvZh } from './messages/clv-zh';
import { lifecycleZh } from './messages/lifecycle-zh';
import { behaviourZh } from './messages/behaviour-zh';
import { definitionsZh } from './messages/definitions-zh';
import { consoleZh } from './messages/console-zh';
import { offlineZh } from './messages/offline-zh';
import { reportZh } from './messages/report-zh';
import { surveyZh } from './messages/survey-zh';
import { eventsZh } from './messages/events-zh';
import { navZh } from './messages/nav-zh';
import { churnZh } from './messages/churn-zh';
import { segmentsZh } from './messages/segments-zh';
import { filtersZh } from './messages/filters-zh';
import { cockpitZh } from './messages/cockpit-zh';
import { tutorialZh } from './messages/tutorial-zh';
import { workspaceZh } from './messages/workspace-zh';

/** Every Simplified Chinese UI string, key for key with `en.ts` (the type checker enforces it). */
export const zh: Record<MessageKey, string> = {
  ...coreZh,
  ...cohortsZh,
  ...rfmZh,
  ...clvZh,
  ...lifecycleZh,
  ...behaviourZh,
  ...definitionsZh,
  ...consoleZh,
  ...offlineZh,
  ...reportZh,
  ...surveyZh,
  ...eventsZh,
  ...navZh,
  ...segmentsZh,
  ...churnZh,
  ...filtersZh,
  ...cockpitZh,
  ...tutorialZh,
  ...workspaceZh,
};
