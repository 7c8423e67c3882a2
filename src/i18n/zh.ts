import type { MessageKey } from './en';
import { coreZh } from './messages/core-zh';
import { cohortsZh } from './messages/cohorts-zh';
import { rfmZh } from './messages/rfm-zh';

/** Every Simplified Chinese UI string, key for key with `en.ts` (the type checker enforces it). */
export const zh: Record<MessageKey, string> = {
  ...coreZh,
  ...cohortsZh,
  ...rfmZh,
};
