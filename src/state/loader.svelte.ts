import { untrack } from 'svelte';
import { isSuperseded } from '../query/query-layer';
import { viewActive } from './view-activity';
import { dataVersion } from './data-version.svelte';
import { i18n } from '../i18n/i18n.svelte';

const instanceIds = new WeakMap<object, number>();
let nextInstance = 0;

/**
 * A key equal for equal dependencies: plain values by content, class instances (the query layer …) by identity.
 * The data version and the language are part of it, for loads that read them without returning them.
 */
function depsKey(d: unknown): string {
  const body = JSON.stringify(d, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
      if (!instanceIds.has(v)) instanceIds.set(v, ++nextInstance);
      return `#${instanceIds.get(v)}`;
    }
    return typeof v === 'bigint' ? String(v) : v;
  });
  return `${untrack(() => dataVersion.value)}|${untrack(() => i18n.lang)}|${body}`;
}

/**
 * Whether a new result can stand for the old one: the same object, or arrays / plain objects whose items are the
 * same objects or, in turn, such arrays and plain objects (the query layer answers a revisit with the very rows it
 * cached; a result may wrap them with settings rebuilt equal), so nothing re-renders.
 */
function sameResult(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => k in rb && sameResult(ra[k], rb[k]));
}

/** How many loads are in flight in the views on screen: a view is settled when none is. */
class Activity {
  count = $state(0);
  get busy(): boolean {
    return this.count > 0;
  }
}
export const activity = new Activity();

/**
 * Async data as reactive state: `deps` is read inside an effect (so it tracks what it touches) and `load` runs
 * with its result and a signal. A newer run supersedes an older one: the older one's signal aborts (the query
 * layer then drops or cancels its queries) and its result, if it still comes, is ignored. So does leaving the
 * view. The previous value stays on screen while the next one loads. While the view is hidden nothing loads;
 * when it is shown again a result the same as the one on screen (answered from the query layer's cache) is kept
 * as it is, so charts are not drawn again.
 */
export class Loader<D, T> {
  value = $state.raw<T | undefined>(undefined);
  error = $state<string | null>(null);
  loading = $state(false);
  private seq = 0;
  /** The dependencies of the value on screen: a view shown again with the same ones loads nothing. */
  private doneKey: string | null = null;

  constructor(deps: () => D | null, load: (deps: D, signal: AbortSignal) => Promise<T>) {
    const active = viewActive();
    $effect(() => {
      if (!active()) return;
      const d = deps();
      if (d === null) return;
      const key = depsKey(d);
      if (key === this.doneKey) return;
      const run = ++this.seq;
      const abort = new AbortController();
      this.loading = true;
      // Untracked: the effect must not re-run when the count changes.
      untrack(() => activity.count++);
      let counted = true;
      const settle = () => {
        if (counted) activity.count--;
        counted = false;
      };
      // Through a promise even when `load` throws at once, so the count always comes down.
      Promise.resolve()
        .then(() => load(d, abort.signal))
        .finally(settle)
        .then(
          (v) => {
            if (run !== this.seq) return;
            if (!sameResult(untrack(() => this.value), v)) this.value = v;
            this.doneKey = key;
            this.error = null;
            this.loading = false;
          },
          (e: unknown) => {
            if (run !== this.seq || isSuperseded(e)) return;
            this.error = e instanceof Error ? e.message : String(e);
            this.loading = false;
          },
        );
      return () => {
        abort.abort();
        // A superseded run no longer counts as activity: the one replacing it does.
        settle();
      };
    });
  }
}
