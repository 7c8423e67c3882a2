/**
 * An independent look at a CSV file's record structure (RFC 4180), done on its bytes in chunks: nothing is decoded
 * and no row becomes a JS object, so it runs the same in a worker or on the main thread. It finds what DuckDB's CSV
 * reader gets wrong:
 *
 * - line breaks of more than one kind (`\r\n`, `\n`, `\r`) outside quotes: DuckDB's strict parser then rejects a
 *   valid line together with a malformed one before it, or gives up, and its non-strict parser drops the character
 *   after a lone CR and the text after a closing quote;
 * - a quote still open at the end of the file: DuckDB drops the rest of the file without a word.
 *
 * Such a file is rewritten (`normalizeCsv`) with every record break a `\n` and the unterminated record cut off (the
 * loader rejects it itself, at its row); every other byte is kept, so every value is the same. A file with neither
 * (nearly all files) is read in place: the common case, no quote and no CR in a chunk, costs two native `indexOf`.
 *
 * Quoting follows RFC 4180 as DuckDB reads it: a quote opens a quoted field only at the start of a field, `""` inside
 * it is a quote and the next lone quote closes it; a quote anywhere else is text.
 */

import { countByte, hasEither } from './byte-scan';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Parser states: at the start of a field, inside an unquoted field (or after a closing quote), inside quotes, just after a quote inside quotes. */
const START = 0;
const PLAIN = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

export interface CsvShape {
  /** Record breaks outside quotes, by kind (`lf` and `cr` lone ones). */
  crlf: number;
  lf: number;
  cr: number;
  /** A quote opened and never closed: it runs to the end of the file. */
  openQuote: boolean;
  /** Where the file can be read in parts, when asked for with `cutEvery` (of no use for a file that needs normalizing). */
  parts?: FileParts;
}

/** A file cut at record starts: each part read after the header's bytes reads as that stretch of the file. */
export interface FileParts {
  /** The byte offset where the header record ends. */
  headerEnd: number;
  /** Record starts about every `cutEvery` bytes, after the header. */
  cuts: Cut[];
}

/** A record start: its byte offset and its row (1 = the header), as DuckDB numbers lines. */
export interface Cut {
  offset: number;
  row: number;
}

/** True when DuckDB would misread the file as it is (see the module comment). */
export function needsNormalizing(s: CsvShape): boolean {
  return s.openQuote || (s.crlf > 0 ? 1 : 0) + (s.lf > 0 ? 1 : 0) + (s.cr > 0 ? 1 : 0) > 1;
}

/** The byte-level state machine shared by the scan and the rewrite. */
class Machine {
  state = START;
  /** A CR outside quotes was the last byte seen: a LF next makes it one CRLF break. */
  pendingCr = false;
  /** Bytes seen so far (the offset of the next chunk). */
  offset = 0;
  /** Byte offset where the current record starts, and its row (1 = the header; each record and each blank line is a row). */
  recordStart = 0;
  row = 1;
  crlf = 0;
  lf = 0;
  cr = 0;
  private bomChecked = false;
  /** With `cutEvery`: where the header ends, and the record starts chosen as cuts (`FileParts`). */
  headerEnd = -1;
  cuts: Cut[] = [];

  constructor(
    private delim: number,
    private cutEvery = 0,
  ) {}

  /**
   * Feeds one chunk; `emit(from, to)` receives the chunk's byte ranges to keep and `emitBreak()` is called for each
   * record break (in place of its bytes). Without `emit`, only the counts are kept and clean chunks are skipped
   * natively (then `row` and `recordStart` are not tracked).
   */
  feed(b: Uint8Array, emit?: (from: number, to: number) => void, emitBreak?: () => void): void {
    let i = 0;
    if (!this.bomChecked) {
      this.bomChecked = true;
      // A UTF-8 BOM is no part of the first field (DuckDB skips it): a quote right after it opens a quoted field.
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    }
    if (!emit && this.state <= PLAIN && !this.pendingCr && !hasEither(b, QUOTE, CR, i)) {
      // Only LF breaks and no quoting in this chunk.
      const last = b.lastIndexOf(LF);
      if (last >= i) {
        this.lf++;
        this.state = START;
        if (this.cutEvery > 0) {
          if (this.headerEnd < 0) this.headerEnd = this.offset + b.indexOf(LF, i) + 1;
          this.row += countByte(b, LF, i);
          this.cutAt(this.offset + last + 1);
        }
      }
      if (b.length > Math.max(i, last + 1)) this.state = b[b.length - 1] === this.delim ? START : PLAIN;
      this.offset += b.length;
      return;
    }
    const delim = this.delim;
    let keepFrom = 0;
    let state = this.state;
    for (; i < b.length; i++) {
      const c = b[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          this.crlf++;
          this.endRecord(i + 1);
          keepFrom = i + 1;
          continue;
        }
        this.cr++;
        this.endRecord(i);
      }
      if (state === QUOTED) {
        if (c === QUOTE) state = QUOTE_IN_QUOTED;
        continue;
      }
      if (state === QUOTE_IN_QUOTED) {
        if (c === QUOTE) {
          state = QUOTED;
          continue;
        }
        state = PLAIN;
      }
      if (c === CR || c === LF) {
        if (emit && i > keepFrom) emit(keepFrom, i);
        emitBreak?.();
        keepFrom = i + 1;
        state = START;
        if (c === CR) this.pendingCr = true;
        else {
          this.lf++;
          this.endRecord(i + 1);
        }
        continue;
      }
      if (c === delim) state = START;
      else if (state === START) state = c === QUOTE ? QUOTED : PLAIN;
    }
    if (emit && b.length > keepFrom) emit(keepFrom, b.length);
    this.state = state;
    this.offset += b.length;
  }

  /** A record break ending at `end` (an index in the chunk being fed). */
  private endRecord(end: number): void {
    this.row++;
    this.recordStart = this.offset + end;
    if (this.cutEvery > 0) {
      if (this.headerEnd < 0) this.headerEnd = this.recordStart;
      this.cutAt(this.recordStart);
    }
  }

  /** A record starts at `offset` (row `this.row`): a cut when the last one is `cutEvery` bytes back. */
  private cutAt(offset: number): void {
    if (offset - (this.cuts.at(-1)?.offset ?? this.headerEnd) >= this.cutEvery) this.cuts.push({ offset, row: this.row });
  }

  finish(): CsvShape {
    if (this.pendingCr) {
      this.pendingCr = false;
      this.cr++;
      this.row++;
      this.recordStart = this.offset;
    }
    const shape: CsvShape = { crlf: this.crlf, lf: this.lf, cr: this.cr, openQuote: this.state === QUOTED };
    if (this.cutEvery > 0 && this.headerEnd >= 0) shape.parts = { headerEnd: this.headerEnd, cuts: this.cuts.filter((c) => c.offset < this.offset) };
    return shape;
  }
}

/** A file's bytes, chunk by chunk (a browser File, or bytes already in memory). */
export type Source = Blob | Uint8Array;

const CHUNK = 8 * 1024 * 1024;

async function* chunks(src: Source, signal?: AbortSignal, size = CHUNK): AsyncGenerator<Uint8Array> {
  const total = src instanceof Uint8Array ? src.byteLength : src.size;
  for (let at = 0; at < total; at += size) {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    yield src instanceof Uint8Array ? src.subarray(at, at + size) : new Uint8Array(await src.slice(at, at + size).arrayBuffer());
  }
}

/**
 * The record breaks and open quotes of a whole file (`delimiter`: one ASCII character; `chunkBytes`: tests lower
 * it); with `cutEvery` (bytes), also where it can be read in parts.
 */
export async function scanCsv(src: Source, delimiter: string, signal?: AbortSignal, chunkBytes = CHUNK, cutEvery = 0): Promise<CsvShape> {
  const m = new Machine(delimiter.charCodeAt(0), cutEvery);
  for await (const chunk of chunks(src, signal, chunkBytes)) m.feed(chunk);
  return m.finish();
}

/** A record whose quote never closes: its row (1 = the header) and the start of its text, for the reject. */
export interface OpenRecord {
  row: number;
  text: string;
}

/**
 * The file with every record break outside quotes written as `\n` and, when a quote is still open at the end, the
 * record holding it left out (returned as `open`: it is the file's last record). Every other byte is as it was.
 */
export async function normalizeCsv(
  src: Source,
  delimiter: string,
  signal?: AbortSignal,
  chunkBytes = CHUNK,
): Promise<{ bytes: Uint8Array; open: OpenRecord | null }> {
  const size = src instanceof Uint8Array ? src.byteLength : src.size;
  // At most the input: a break becomes one byte or stays one byte.
  let out = new Uint8Array(size);
  let n = 0;
  /** Where the current record starts in the output. */
  let start = 0;
  const m = new Machine(delimiter.charCodeAt(0));
  for await (const chunk of chunks(src, signal, chunkBytes)) {
    m.feed(
      chunk,
      (from, to) => {
        out.set(chunk.subarray(from, to), n);
        n += to - from;
      },
      () => {
        out[n++] = LF;
        start = n;
      },
    );
  }
  const shape = m.finish();
  let open: OpenRecord | null = null;
  if (shape.openQuote) {
    const head = src instanceof Uint8Array ? src.subarray(m.recordStart, m.recordStart + 200) : new Uint8Array(await src.slice(m.recordStart, m.recordStart + 200).arrayBuffer());
    // The record's first line, control characters (NUL included) shown as spaces.
    const text = new TextDecoder().decode(head).split(/\r\n|\r|\n/)[0].replace(/[\u0000-\u001f\u007f]/g, ' ');
    open = { row: m.row, text };
    n = start;
  }
  out = out.subarray(0, n);
  return { bytes: out, open };
}
