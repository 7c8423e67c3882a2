import { untrack } from 'svelte';

/** How many deferred charts are waiting for their turn or drawing: the view shows progress until none is. */
class Rendering {
  count = $state(0);
  get busy(): boolean {
    return this.count > 0;
  }
}
export const rendering = new Rendering();

/**
 * A value that follows `get()` one macrotask later. Vega renders a chart in one chain of microtasks, so charts
 * updated together block the page as one long task; giving each chart its rows in its own timer task lets the page
 * respond between them (a weekly triangle of 1M rows has 5,000+ cells in four charts). A chart counts in `rendering`
 * from the new value until the task after the one that drew it.
 */
export class Deferred<T> {
  value = $state.raw<T | undefined>(undefined);

  constructor(get: () => T) {
    $effect(() => {
      const v = get();
      untrack(() => rendering.count++);
      let counted = true;
      const done = () => {
        if (counted) untrack(() => rendering.count--);
        counted = false;
      };
      let after: ReturnType<typeof setTimeout> | undefined;
      const id = setTimeout(() => {
        this.value = v;
        after = setTimeout(done);
      });
      return () => {
        clearTimeout(id);
        clearTimeout(after);
        done();
      };
    });
  }
}
