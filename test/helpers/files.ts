import type { InputFile } from '../../src/ingest/loader';

/** A file as the browser would give it, from text (UTF-8) or raw bytes. */
export function fileOf(name: string, content: string | Uint8Array): InputFile {
  return new File([content as BlobPart], name);
}
