import { checkManifest, WorkspaceError, type Manifest } from './manifest';
import { tableFiles } from './snapshot';

/** The first bytes of a workspace file. */
const MAGIC = 'CUSTOMER-LENS-WORKSPACE\n';
const MAGIC_BYTES = new TextEncoder().encode(MAGIC);

interface Header {
  manifest: Manifest;
  files: { name: string; size: number }[];
}

/**
 * One workspace as one file: the magic line, the header's length (8 decimal digits and a newline), the header (JSON:
 * the manifest and the list of files with their sizes), then the files' bytes one after another.
 */
export function encodeWorkspace(manifest: Manifest, files: ReadonlyMap<string, Blob>): Blob {
  const header: Header = { manifest, files: [...files].map(([name, blob]) => ({ name, size: blob.size })) };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const length = new TextEncoder().encode(`${String(json.length).padStart(8, '0')}\n`);
  return new Blob([MAGIC_BYTES, length, json, ...files.values()], { type: 'application/octet-stream' });
}

export async function isWorkspaceFile(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, MAGIC_BYTES.length).arrayBuffer());
  return head.length === MAGIC_BYTES.length && head.every((b, i) => b === MAGIC_BYTES[i]);
}

/** Reads a workspace file: its manifest (checked) and its files, as slices of it (nothing is copied). */
export async function decodeWorkspace(file: Blob): Promise<{ manifest: Manifest; files: Map<string, Blob> }> {
  if (!(await isWorkspaceFile(file))) throw new WorkspaceError('not_workspace');
  const start = MAGIC_BYTES.length;
  const lengthText = await file.slice(start, start + 9).text();
  if (!/^\d{8}\n$/.test(lengthText)) throw new WorkspaceError('damaged');
  const length = Number(lengthText.slice(0, 8));
  let header: Header;
  try {
    header = JSON.parse(await file.slice(start + 9, start + 9 + length).text()) as Header;
  } catch {
    throw new WorkspaceError('damaged');
  }
  const manifest = checkManifest(header?.manifest);
  if (!Array.isArray(header.files)) throw new WorkspaceError('damaged');
  const files = new Map<string, Blob>();
  let offset = start + 9 + length;
  for (const f of header.files) {
    files.set(f.name, file.slice(offset, offset + f.size));
    offset += f.size;
  }
  if (offset !== file.size) throw new WorkspaceError('damaged');
  const snap = manifest.data?.snapshot;
  const wanted = snap ? [...snap.tables.flatMap(tableFiles), ...(snap.sources ?? []).map((s) => s.file)] : [];
  if (wanted.some((key) => !files.has(key))) throw new WorkspaceError('damaged');
  return { manifest, files };
}
