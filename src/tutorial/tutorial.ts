import { CHECKS, type CheckId } from '../analyses/tutorial/checks';
import type { SampleName } from '../state/app.svelte';
import en from './tutorial-en.json';
import zh from './tutorial-zh.json';

/** One step of the tutorial, as written in `tutorial-<lang>.json`. */
export interface TutorialStep {
  id: string;
  /** The tab the step opens. */
  view: string;
  /** The RFM segment scheme the step sets, if any. */
  rfmScheme?: string;
  /** Data the step needs besides transactions: without it the step is left out. */
  needs?: 'survey';
  title: string;
  body: string;
  question: string;
  check: CheckId;
  /** How far a typed number may be from the data's (default 0). */
  tolerance?: number;
}

export interface Tutorial {
  title: string;
  intro: string;
  sample: SampleName;
  steps: TutorialStep[];
}

/** The tutorial text of a language, checked against what the app can do (a step naming an unknown check fails here). */
export function tutorialFor(lang: 'en' | 'zh'): Tutorial {
  const t = (lang === 'zh' ? zh : en) as Tutorial;
  for (const s of t.steps) if (!(CHECKS as readonly string[]).includes(s.check)) throw new Error(`tutorial step ${s.id}: unknown check ${s.check}`);
  return t;
}
