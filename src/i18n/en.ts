import { coreEn } from './messages/core-en';
import { cohortsEn } from './messages/cohorts-en';
import { rfmEn } from './messages/rfm-en';
import { clvEn } from './messages/clv-en';
import { lifecycleEn } from './messages/lifecycle-en';
import { behaviourEn } from './messages/behaviour-en';
import { definitionsEn } from './messages/definitions-en';
import { consoleEn } from './messages/console-en';
import { offlineEn } from './messages/offline-en';
import { reportEn } from './messages/report-en';
import { surveyEn } from './messages/survey-en';
import { eventsEn } from './messages/events-en';
import { navEn } from './messages/nav-en';
import { churnEn } from './messages/churn-en';
import { segmentsEn } from './messages/segments-en';
import { filtersEn } from './messages/filters-en';
import { cockpitEn } from './messages/cockpit-en';
import { tutorialEn } from './messages/tutorial-en';
import { workspaceEn } from './messages/workspace-en';

/** Every English UI string; each feature keeps its own in `messages/`. `zh.ts` must have the same keys. */
export const en = {
  ...coreEn,
  ...cohortsEn,
  ...rfmEn,
  ...clvEn,
  ...lifecycleEn,
  ...behaviourEn,
  ...definitionsEn,
  ...consoleEn,
  ...offlineEn,
  ...reportEn,
  ...surveyEn,
  ...eventsEn,
  ...navEn,
  ...segmentsEn,
  ...churnEn,
  ...filtersEn,
  ...cockpitEn,
  ...tutorialEn,
  ...workspaceEn,
};

export type MessageKey = keyof typeof en;
