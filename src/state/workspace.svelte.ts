import { untrack } from 'svelte';
import type { AppState } from './app.svelte';
import { activity } from './loader.svelte';
import { workerActivity } from '../workers/worker-activity.svelte';
import { saveBytes } from '../export/download';
import { OpfsStore, opfsAvailable } from '../workspace/opfs-store';
import { encodeWorkspace } from '../workspace/container';
import { WORKSPACE_APP, WORKSPACE_FORMAT, type Manifest, type SavedData, type SavedPlace } from '../workspace/manifest';
import { savedSettings } from '../workspace/saved-settings.svelte';
import { bindSharedSettings } from '../workspace/bind-settings';

/** Where the settings are kept (every browser has it; the data go to the private file system). */
export const SETTINGS_KEY = 'customer-lens:workspace';
/** Every key of this app in local storage starts so: "Forget this data" removes them all. */
const KEY_PREFIX = 'customer-lens:';
/** The name of an exported workspace. */
export const WORKSPACE_FILE = 'workspace.customerlens';
/** Quiet time after a change (no load, no view computing, no model fitting) before the data are copied out. */
const SAVE_DELAY = 1500;
const SETTINGS_DELAY = 300;

interface StoredSettings {
  app: typeof WORKSPACE_APP;
  format: number;
  settings: Manifest['settings'];
  place: SavedPlace;
  /** True while the private file system holds data to restore. */
  data: boolean;
}

function readSettings(): StoredSettings | null {
  try {
    const s = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as StoredSettings | null;
    return s && s.app === WORKSPACE_APP && s.format === WORKSPACE_FORMAT && s.settings && s.place ? s : null;
  } catch {
    return null;
  }
}

function readData(value: unknown): SavedData | null {
  const v = value as { format?: number; data?: SavedData } | null;
  return v && v.format === WORKSPACE_FORMAT && v.data && Array.isArray(v.data.snapshot?.tables) ? v.data : null;
}

export type SaveStatus = 'none' | 'saving' | 'saved' | 'settings_only' | 'too_big' | 'failed';

/**
 * The saved workspace: settings in local storage at every change; the data (tables as gzip CSV, the files DuckDB
 * reads, the loaders' state) in the origin's private file system once the tab is quiet after a change (no load, no
 * view computing, no model fitting). At start the saved settings apply and the saved data are restored without any
 * file being read; "Forget this data" removes it all.
 */
export class WorkspaceState {
  readonly available = opfsAvailable();
  status = $state<SaveStatus>('none');
  /** Bytes in the private file system after the last save. */
  bytes = $state(0);
  savedAt = $state<Date | null>(null);
  failure = $state('');
  /** True while data are stored to restore. */
  hasSaved = $state(false);
  /** Saves stopped before they were done (by a change of the data or a model fit). */
  stops = 0;
  private store: Promise<OpfsStore | null>;
  private savedVersion = $state(-1);
  private saving: Promise<void> | null = null;
  /** True from a change of the settings until they are written. */
  private settingsPending = $state(false);
  /** Counts saves: a change that came while one ran is saved after it. */
  private rounds = $state(0);
  /** The settings as they were when forgotten: not written again until they change. */
  private forgotten: string | null = null;

  constructor(private app: AppState) {
    bindSharedSettings();
    const stored = readSettings();
    this.store = this.available ? OpfsStore.open() : Promise.resolve(null);
    if (!this.available) this.status = 'settings_only';
    if (stored) {
      savedSettings.load(stored.settings);
      // The deep-link path opens the saved view once its data is there.
      if (!location.hash && stored.place.tab) history.replaceState(null, '', `${location.pathname}${location.search}#${stored.place.tab}`);
      if (stored.place.timeZone !== 'browser') void app.setTimeZone(stored.place.timeZone);
    }
    // A link to a sample starts with that sample, not with what was saved.
    const sample = new URLSearchParams(location.search).has('sample');
    if (stored?.data && this.available && !sample) {
      this.hasSaved = true;
      void app
        .restoreSaved(async () => {
          const store = await this.store;
          const data = store ? readData(await store.readData()) : null;
          return data && store ? { data, files: store } : null;
        }, stored.place)
        .then(() => {
          this.savedVersion = app.version;
          if (app.hasData || app.hasSurvey || app.hasEvents || app.hasCustomers) this.markSaved();
          return this.store.then(async (store) => {
            this.bytes = (await store?.size()) ?? 0;
          });
        })
        .catch(() => undefined);
    }
    $effect.root(() => {
      $effect(() => {
        const json = JSON.stringify({ settings: savedSettings.current(), place: app.place });
        untrack(() => (this.settingsPending = true));
        const timer = setTimeout(() => untrack(() => {
          this.writeSettings(json);
          this.settingsPending = false;
        }), SETTINGS_DELAY);
        return () => clearTimeout(timer);
      });
      // A model fit in a worker needs the cores: a save under way stops and is made again after it.
      $effect(() => {
        if (workerActivity.busy) untrack(() => app.stopSave());
      });
      $effect(() => {
        const v = app.version;
        void this.rounds;
        if (app.loading || activity.busy || workerActivity.busy || v === this.savedVersion) return;
        const timer = setTimeout(() => void untrack(() => this.saveData(v)), SAVE_DELAY);
        return () => clearTimeout(timer);
      });
    });
  }

  /** True when everything on screen is stored (settings written, data saved or not to be saved): a reload loses nothing kept. */
  get upToDate(): boolean {
    return !this.settingsPending && this.status !== 'saving' && (this.savedVersion === this.app.version || !this.available) && !this.app.loading;
  }

  private writeSettings(json: string): void {
    if (json === this.forgotten) return;
    this.forgotten = null;
    const { settings, place } = JSON.parse(json) as Pick<StoredSettings, 'settings' | 'place'>;
    const stored: StoredSettings = { app: WORKSPACE_APP, format: WORKSPACE_FORMAT, settings, place, data: this.hasSaved };
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(stored));
    } catch {
      // Storage full or refused (private mode): the tab works on without it.
    }
  }

  /** Records whether data is saved, with the settings in force (also right after "Forget", when none are stored). */
  private setDataFlag(data: boolean): void {
    this.hasSaved = data;
    this.forgotten = null;
    this.writeSettings(JSON.stringify({ settings: savedSettings.current(), place: this.app.place }));
  }

  /** Copies the data of version `v` out to the private file system (one save at a time); `AppState.stopSave` stops it. */
  private async saveData(v: number): Promise<void> {
    if (this.saving) return;
    const before = this.status;
    const run = async () => {
      const store = await this.store;
      if (!store) return;
      const loaded = this.app.hasData || this.app.hasSurvey || this.app.hasEvents || this.app.hasCustomers;
      if (!loaded) {
        if (this.hasSaved) await store.forget();
        this.setDataFlag(false);
        this.status = 'none';
        return;
      }
      if (this.app.tooBigToSave) {
        await store.forget();
        this.setDataFlag(false);
        this.status = 'too_big';
        return;
      }
      this.status = 'saving';
      const snapshot = await store.begin();
      let data: SavedData | null;
      try {
        data = await this.app.saveData(snapshot, true);
      } catch (e) {
        await snapshot.discard().catch(() => undefined);
        throw e;
      }
      if (!data) return;
      await snapshot.commit({ format: WORKSPACE_FORMAT, data });
      void navigator.storage?.persist?.().catch(() => false);
      this.setDataFlag(true);
      this.markSaved();
      this.bytes = await store.size();
    };
    this.saving = run()
      .then(() => {
        this.savedVersion = v;
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') {
          // Stopped for a change of the data or a model fit: what was saved before stays; the next quiet moment saves again.
          this.stops++;
          this.status = before;
          return;
        }
        this.status = 'failed';
        this.failure = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        this.savedVersion = v;
      })
      .finally(() => {
        this.saving = null;
        this.rounds++;
      });
    await this.saving;
  }

  private markSaved(): void {
    this.status = 'saved';
    this.savedAt = new Date();
  }

  /** Saves the workspace (settings and data) as one file, `workspace.customerlens`. */
  exportFile = async (): Promise<void> => {
    const files = new Map<string, Blob>();
    const data = await this.app.saveData({
      put: async (file, bytes) => {
        const key = `${files.size}-${file}`;
        files.set(key, bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>]));
        return key;
      },
      source: async (blob) => {
        const key = `${files.size}-source`;
        files.set(key, blob);
        return key;
      },
    });
    const manifest: Manifest = {
      app: WORKSPACE_APP, format: WORKSPACE_FORMAT, saved: new Date().toISOString(),
      settings: savedSettings.current(), place: this.app.place, data,
    };
    saveBytes(WORKSPACE_FILE, [encodeWorkspace(manifest, files)], 'application/octet-stream');
  };

  /** Clears the tab's data and removes every stored byte: the private file system's folder and the local storage keys. */
  forget = async (): Promise<void> => {
    await this.saving;
    await this.app.clear();
    const store = await this.store;
    await store?.forget();
    for (const key of Object.keys(localStorage)) if (key.startsWith(KEY_PREFIX)) localStorage.removeItem(key);
    this.hasSaved = false;
    this.savedVersion = this.app.version;
    this.status = this.available ? 'none' : 'settings_only';
    this.bytes = 0;
    this.forgotten = JSON.stringify({ settings: savedSettings.current(), place: this.app.place });
  };
}
