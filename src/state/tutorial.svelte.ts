import { checkRequest, isRight, type CheckInputs } from '../analyses/tutorial/checks';
import { lifecycleCustomers } from '../analyses/lifecycle/customers';
import { tutorialFor, type TutorialStep } from '../tutorial/tutorial';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';
import type { Scheme } from '../analyses/rfm/presets';
import type { AppState } from './app.svelte';
import { churnWindow, lifecycle } from './lifecycle.svelte';
import { rfm, segmentLabel } from './rfm.svelte';

const STORAGE_KEY = 'customer-lens:tutorial';

interface Progress {
  step: number;
  /** Step ids answered right. */
  done: string[];
}

export interface Choice {
  value: string;
  label: string;
}

export type Verdict = { right: boolean; answer: string } | null;

function readProgress(): Progress {
  try {
    const p = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Progress | null;
    if (p && Number.isInteger(p.step) && Array.isArray(p.done)) return p;
  } catch {
    // Unreadable progress starts again.
  }
  return { step: 0, done: [] };
}

/** The guided tutorial: which step is open, the question's choices, the verdict on an answer, progress kept in the browser. */
export class TutorialState {
  open = $state(false);
  step = $state(0);
  done = $state<string[]>([]);
  given = $state('');
  verdict = $state<Verdict>(null);
  checking = $state(false);
  choices = $state.raw<Choice[] | null>(null);
  error = $state<string | null>(null);

  constructor(private app: AppState) {
    const p = readProgress();
    this.step = p.step;
    this.done = p.done;
  }

  get tutorial() {
    return tutorialFor(i18n.lang);
  }

  /** The steps for the data loaded: one that needs a survey only with a survey. */
  get steps(): TutorialStep[] {
    return this.tutorial.steps.filter((s) => s.needs !== 'survey' || this.app.hasSurvey);
  }

  get current(): TutorialStep {
    const steps = this.steps;
    return steps[Math.min(Math.max(this.step, 0), steps.length - 1)]!;
  }

  /** Opens the tutorial (loading its sample when nothing is loaded) at the step where the user left off. */
  async start(): Promise<void> {
    this.open = true;
    if (!this.app.hasData) await this.app.loadSample(this.tutorial.sample);
    await this.go(this.step);
  }

  close(): void {
    this.open = false;
  }

  /** Opens step `i`: its view and settings, and the choices of its question. */
  async go(i: number): Promise<void> {
    this.step = Math.min(Math.max(i, 0), this.steps.length - 1);
    this.given = '';
    this.verdict = null;
    this.choices = null;
    this.error = null;
    this.save();
    const s = this.current;
    if (s.rfmScheme) rfm.setScheme(s.rfmScheme as Scheme);
    location.hash = `#${s.view}`;
    try {
      const r = await this.evaluate();
      if (s === this.current) this.choices = r.options ? r.options.map((v) => ({ value: v, label: this.optionLabel(v) })) : null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Checks the answer given against the data. */
  async check(): Promise<void> {
    this.checking = true;
    try {
      const r = await this.evaluate();
      const right = isRight(this.given, r.answer, this.current.tolerance ?? 0);
      this.verdict = { right, answer: r.answer === null ? '–' : this.optionLabel(r.answer) };
      if (right && !this.done.includes(this.current.id)) this.done = [...this.done, this.current.id];
      this.save();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.checking = false;
    }
  }

  /** A choice as shown: segments, stages, weekdays and yes / no in the UI language; data values as written. */
  optionLabel(v: string): string {
    const s = this.current.check;
    if (s === 'top_segment_revenue') {
      const seg = rfm.segments.find((x) => x.key === v);
      return seg ? segmentLabel(seg) : v;
    }
    if (s === 'top_stage') return i18n.t(`lifecycle.stage.${v}` as MessageKey);
    if (s === 'top_weekday') {
      const day = new Date(Date.UTC(2024, 0, Number(v)));
      return new Intl.DateTimeFormat(i18n.lang === 'zh' ? 'zh-CN' : 'en', { weekday: 'long', timeZone: 'UTC' }).format(day);
    }
    if (s === 'top20_majority') return i18n.t(v === 'yes' ? 'tutorial.yes' : 'tutorial.no');
    return v;
  }

  private async evaluate(): Promise<{ answer: string | null; options: string[] | null }> {
    const layer = this.app.layer!;
    const asOf = this.app.asOf;
    const w = await churnWindow(layer, asOf, lifecycle.windowDays, new AbortController().signal);
    const inputs: CheckInputs = {
      asOf,
      rfm: rfm.table(asOf),
      lifecycle: lifecycleCustomers(asOf, w.window),
      gender: this.app.customerMapping?.gender ?? null,
    };
    const [row] = await layer.query<{ answer: string | null; options: string[] | null }>(checkRequest(this.current.check, inputs));
    return { answer: row?.answer ?? null, options: row?.options ?? null };
  }

  private save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ step: this.step, done: this.done } satisfies Progress));
    } catch {
      // Storage refused (private mode): progress lasts the session.
    }
  }
}
