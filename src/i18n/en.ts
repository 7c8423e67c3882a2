import { coreEn } from './messages/core-en';
import { cohortsEn } from './messages/cohorts-en';
import { rfmEn } from './messages/rfm-en';

/** Every English UI string; each feature keeps its own in `messages/`. `zh.ts` must have the same keys. */
export const en = {
  ...coreEn,
  ...cohortsEn,
  ...rfmEn,
};

export type MessageKey = keyof typeof en;
