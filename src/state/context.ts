import { getContext } from 'svelte';
import type { AppState } from './app.svelte';

const KEY = Symbol('app');

/** The context map that `mount` gives the root component. */
export function appContext(app: AppState): Map<symbol, AppState> {
  return new Map([[KEY, app]]);
}

/** The app state set by the root component; throws when a component is used outside it. */
export function getApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('getApp() called outside <App>');
  return app;
}
