import { getContext, setContext } from 'svelte';

const KEY = Symbol('view-active');

/** Marks the components below as belonging to a view that is shown while `active()` is true. */
export function provideViewActive(active: () => boolean): void {
  setContext(KEY, active);
}

/**
 * Whether the view the calling component belongs to is shown (always true outside a view). Call it while the
 * component initialises, like any context.
 */
export function viewActive(): () => boolean {
  try {
    return getContext<(() => boolean) | undefined>(KEY) ?? (() => true);
  } catch {
    return () => true;
  }
}
