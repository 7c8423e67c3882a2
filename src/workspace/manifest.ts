import type { SavedDataset } from '../ingest/loader';
import type { SavedSurveys } from '../ingest/survey-loader';
import type { SavedEvents } from '../ingest/event-loader';
import type { SavedCustomers } from '../ingest/customer-loader';
import type { TimeZoneSetting } from '../ingest/time-zone';
import type { Filters } from '../model/filters';
import type { DataSnapshot } from './snapshot';

/**
 * The workspace format. A new version of the app that changes the model's tables, the loaders' state or a setting's
 * meaning raises it; a workspace of another format is not restored (its settings that still fit are).
 */
export const WORKSPACE_FORMAT = 1;
export const WORKSPACE_APP = 'customer-lens';

/** Where the user was: the as-of date, the time zone, the filters and the view on screen. */
export interface SavedPlace {
  asOf: string;
  timeZone: TimeZoneSetting;
  filters: Filters;
  tab: string;
}

export interface SavedData {
  snapshot: DataSnapshot;
  loaders: { dataset: SavedDataset; surveys: SavedSurveys; events: SavedEvents; customers: SavedCustomers };
  /** True when the transactions are the event log's purchase events. */
  derived: boolean;
}

export interface Manifest {
  app: typeof WORKSPACE_APP;
  format: number;
  /** When it was saved (ISO 8601). */
  saved: string;
  settings: Record<string, Record<string, unknown>>;
  place: SavedPlace;
  data: SavedData | null;
}

export class WorkspaceError extends Error {
  constructor(
    readonly code: 'not_workspace' | 'incompatible' | 'damaged',
    readonly found: string = '',
  ) {
    super(`workspace: ${code}${found ? ` (${found})` : ''}`);
  }
}

/** Checks a parsed manifest: from this app, in this format, with the parts every restore reads. */
export function checkManifest(value: unknown): Manifest {
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || m.app !== WORKSPACE_APP) throw new WorkspaceError('not_workspace');
  if (m.format !== WORKSPACE_FORMAT) throw new WorkspaceError('incompatible', String(m.format ?? '?'));
  if (!m.settings || typeof m.settings !== 'object' || !m.place || typeof m.place !== 'object') throw new WorkspaceError('damaged');
  if (m.data !== null && (typeof m.data !== 'object' || !Array.isArray(m.data?.snapshot?.tables) || !m.data?.loaders)) throw new WorkspaceError('damaged');
  return m as Manifest;
}
