/**
 * A value that follows `get()` one macrotask later. Vega renders a chart in one chain of microtasks, so charts
 * updated together block the page as one long task; giving each chart its rows in its own timer task lets the page
 * respond between them (a weekly triangle of 1M rows has 5,000+ cells in four charts).
 */
export class Deferred<T> {
  value = $state.raw<T | undefined>(undefined);

  constructor(get: () => T) {
    $effect(() => {
      const v = get();
      const id = setTimeout(() => (this.value = v));
      return () => clearTimeout(id);
    });
  }
}
