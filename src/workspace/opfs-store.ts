import type { SnapshotFiles } from './snapshot';

const ROOT = 'customer-lens';
const DATA = 'data.json';
const SOURCES = 'sources';

/** Whether this browser has an origin private file system the page can write (Chromium, Firefox; Safari 17.4+ may not). */
export function opfsAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.storage?.getDirectory && typeof FileSystemFileHandle !== 'undefined'
    && 'createWritable' in FileSystemFileHandle.prototype;
}

async function write(dir: FileSystemDirectoryHandle, name: string, data: Uint8Array | Blob | string): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const out = await handle.createWritable();
  try {
    await out.write(data as FileSystemWriteChunkType);
    await out.close();
  } catch (e) {
    await out.abort().catch(() => undefined);
    throw e;
  }
}

/**
 * The saved data in the origin's private file system: `customer-lens/data.json` (what to restore), one folder per
 * snapshot of the tables (`snap-<n>/t<i>.csv.gz`) and the files DuckDB reads (`sources/s<n>`), kept across
 * snapshots while they are used. A snapshot is written whole before `data.json` points to it.
 */
export class OpfsStore implements Pick<SnapshotFiles, 'get'> {
  /** Blobs already stored in `sources`, by their key: a new snapshot writes only new files. */
  private stored = new WeakMap<Blob, string>();

  private constructor(private top: FileSystemDirectoryHandle) {}

  static async open(): Promise<OpfsStore | null> {
    if (!opfsAvailable()) return null;
    try {
      return new OpfsStore(await navigator.storage.getDirectory());
    } catch {
      return null;
    }
  }

  /** The app's folder; made by the first save only, so that a visit that saves nothing stores nothing. */
  private async root(create = false): Promise<FileSystemDirectoryHandle | null> {
    try {
      return await this.top.getDirectoryHandle(ROOT, { create });
    } catch (e) {
      if (!create && e instanceof DOMException && e.name === 'NotFoundError') return null;
      throw e;
    }
  }

  /** What `data.json` holds, or null when nothing is saved (or it cannot be read). */
  async readData(): Promise<unknown> {
    try {
      const root = await this.root();
      if (!root) return null;
      const file = await (await root.getFileHandle(DATA)).getFile();
      return JSON.parse(await file.text()) as unknown;
    } catch {
      return null;
    }
  }

  async get(key: string): Promise<Blob> {
    const [dir, name] = key.split('/') as [string, string];
    const root = await this.root();
    if (!root) throw new DOMException(`${key} is not stored`, 'NotFoundError');
    const blob = await (await (await root.getDirectoryHandle(dir)).getFileHandle(name)).getFile();
    if (dir === SOURCES) this.stored.set(blob, key);
    return blob;
  }

  /** Starts a snapshot: its files go to a new folder; `commit` makes it the saved one and removes the older ones. */
  async begin(): Promise<Pick<SnapshotFiles, 'put'> & { source(blob: Blob): Promise<string>; commit(data: unknown): Promise<void>; discard(): Promise<void> }> {
    const folder = `snap-${Date.now()}`;
    const root = (await this.root(true))!;
    const dir = await root.getDirectoryHandle(folder, { create: true });
    const sources = await root.getDirectoryHandle(SOURCES, { create: true });
    const used = new Set<string>();
    return {
      put: async (file, data) => {
        await write(dir, file, data);
        return `${folder}/${file}`;
      },
      source: async (blob) => {
        let key = this.stored.get(blob);
        if (!key) {
          key = `${SOURCES}/s${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
          await write(sources, key.split('/')[1]!, blob);
          this.stored.set(blob, key);
        }
        used.add(key);
        return key;
      },
      commit: async (data) => {
        await write(root, DATA, JSON.stringify(data));
        for await (const [name] of root.entries()) {
          if (name.startsWith('snap-') && name !== folder) await root.removeEntry(name, { recursive: true });
        }
        for await (const [name] of sources.entries()) {
          if (!used.has(`${SOURCES}/${name}`)) await sources.removeEntry(name);
        }
      },
      discard: () => root.removeEntry(folder, { recursive: true }),
    };
  }

  /** Removes every stored byte. */
  async forget(): Promise<void> {
    this.stored = new WeakMap();
    if (await this.root()) await this.top.removeEntry(ROOT, { recursive: true });
  }

  /** Bytes stored, for the status line. */
  async size(): Promise<number> {
    let total = 0;
    const walk = async (dir: FileSystemDirectoryHandle): Promise<void> => {
      for await (const [, handle] of dir.entries()) {
        if (handle.kind === 'file') total += (await (handle as FileSystemFileHandle).getFile()).size;
        else await walk(handle as FileSystemDirectoryHandle);
      }
    };
    const root = await this.root();
    if (root) await walk(root);
    return total;
  }
}
