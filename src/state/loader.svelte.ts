import { untrack } from 'svelte';

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
 * with its result; a newer run supersedes an older one still in flight.
 */
export class Loader<D, T> {
  value = $state.raw<T | undefined>(undefined);
  error = $state<string | null>(null);
  loading = $state(false);
  private seq = 0;

  constructor(deps: () => D | null, load: (deps: D) => Promise<T>) {
    $effect(() => {
      const d = deps();
      if (d === null) return;
      const run = ++this.seq;
      this.loading = true;
      // Untracked: the effect must not re-run when the count changes.
      untrack(() => activity.count++);
      // Through a promise even when `load` throws at once, so the count always comes down.
      Promise.resolve()
        .then(() => load(d))
        .finally(() => activity.count--)
        .then(
          (v) => {
            if (run !== this.seq) return;
            this.value = v;
            this.error = null;
            this.loading = false;
          },
          (e: unknown) => {
            if (run !== this.seq) return;
            this.error = e instanceof Error ? e.message : String(e);
            this.loading = false;
          },
        );
    });
  }
}
