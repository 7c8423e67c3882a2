import { UNTERMINATED, type StagedSpec } from './build-sql';
import { binaryKind, decodeToUtf8, detectEncoding, readableInPlace } from './encoding';
import { IngestError } from './ingest-error';
import { needsNormalizing, normalizeCsv, scanCsv, type FileParts } from './csv-scan';
import { sniff, type Sniffed } from './sniff';
import type { InputFile, LoadOptions } from './loader';

const HEAD_BYTES = 256 * 1024;

/** Largest file the browser can hold beside its analyses; bigger files are refused before the tab runs out. */
export const MAX_FILE_BYTES = 1.5 * 1024 ** 3;

/** The start of a file, checked to be delimited text, with its columns: enough to tell what kind of file it is. */
export interface FileHead {
  encoding: ReturnType<typeof detectEncoding>;
  sniffed: Sniffed;
}

export async function readHead(file: InputFile): Promise<FileHead> {
  if (file.size === 0) throw new IngestError('empty_file', file.name);
  if (file.size > MAX_FILE_BYTES) throw new IngestError('too_large', file.name, { reason: `${(file.size / 1024 ** 3).toFixed(2)} GB` });
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const kind = binaryKind(head);
  if (kind === 'zip') throw new IngestError(/\.xlsx?$|\.xlsm$/i.test(file.name) ? 'spreadsheet' : 'archive', file.name);
  if (kind === 'xls') throw new IngestError('spreadsheet', file.name);
  if (kind === 'binary') throw new IngestError('not_text', file.name);
  const encoding = detectEncoding(head);
  const sniffed = sniff(new TextDecoder(encoding.encoding).decode(head));
  if (!sniffed) throw new IngestError(head.every((b) => b === 0x0a || b === 0x0d || b === 0x20) ? 'empty_file' : 'no_header', file.name);
  return { encoding, sniffed };
}

/** The bytes DuckDB reads: the file itself when it can, else a UTF-8 copy with uniform line breaks. */
export interface ReadableCsv {
  source: Blob | Uint8Array;
  /** A record whose quote never closes, left out of `source` (see `StagedSpec.openQuote`). */
  openQuote?: StagedSpec['openQuote'];
  /** Where `source` can be read in parts (when asked for with `cutEvery`). */
  parts?: FileParts;
}

/**
 * Makes a file readable by DuckDB's CSV reader: decoded to UTF-8 when it is in another encoding; mixed line breaks
 * and a quote left open (csv-scan.ts) rewritten, the open record left out to be rejected at its row.
 */
export async function readableCsv(file: InputFile, head: FileHead, opts: LoadOptions = {}, cutEvery = 0): Promise<ReadableCsv> {
  let source: Blob | Uint8Array = readableInPlace(head.encoding)
    ? file
    : await decodeToUtf8(file, head.encoding, (f) => opts.onProgress?.('decode', f), opts.signal);
  const delimiter = head.sniffed.delimiter;
  const headerOnly = head.sniffed.rows.length === 0 && file.size <= HEAD_BYTES;
  const shape = await scanCsv(source, delimiter, opts.signal, undefined, cutEvery);
  if (!needsNormalizing(shape)) {
    if (headerOnly) throw new IngestError('header_only', file.name);
    return { source, parts: shape.parts };
  }
  const normalized = await normalizeCsv(source, delimiter, opts.signal);
  if (normalized.open?.row === 1) throw new IngestError('unreadable', file.name, { line: 1, reason: `${UNTERMINATED}: ${normalized.open.text}` });
  if (headerOnly) throw new IngestError('header_only', file.name);
  source = normalized.bytes;
  const parts = cutEvery > 0 ? (await scanCsv(source, delimiter, opts.signal, undefined, cutEvery)).parts : undefined;
  return { source, parts, openQuote: normalized.open ? { line: normalized.open.row, text: normalized.open.text } : undefined };
}
