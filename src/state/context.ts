import { getContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { WorkspaceState } from './workspace.svelte';

const KEY = Symbol('app');
const WORKSPACE = Symbol('workspace');

/** The context map that `mount` gives the root component. */
export function appContext(app: AppState, workspace: WorkspaceState): Map<symbol, unknown> {
  return new Map<symbol, unknown>([[KEY, app], [WORKSPACE, workspace]]);
}

/** The app state set by the root component; throws when a component is used outside it. */
export function getApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('getApp() called outside <App>');
  return app;
}

/** The saved workspace set by the root component. */
export function getWorkspace(): WorkspaceState {
  const workspace = getContext<WorkspaceState | undefined>(WORKSPACE);
  if (!workspace) throw new Error('getWorkspace() called outside <App>');
  return workspace;
}
