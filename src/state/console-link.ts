import { getContext, setContext } from 'svelte';
import type { ConsoleState } from './console.svelte';

const KEY = Symbol('console');

/** The SQL console as the views reach it: its state, and a way to open a statement in it (switching to its tab). */
export interface ConsoleLink {
  state: ConsoleState;
  open(sql: string): void;
}

export function provideConsole(link: ConsoleLink): void {
  setContext(KEY, link);
}

/** The console of the app, or null outside it (a component rendered on its own). */
export function consoleLink(): ConsoleLink | null {
  return getContext<ConsoleLink | undefined>(KEY) ?? null;
}
