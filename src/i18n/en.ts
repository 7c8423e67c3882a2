import { coreEn } from './messages/core-en';

/** Every English UI string; each feature keeps its own in `messages/`. `zh.ts` must have the same keys. */
export const en = {
  ...coreEn,
};

export type MessageKey = keyof typeof en;
