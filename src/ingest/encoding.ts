import { detect } from 'chardet';

/** A text encoding label that `TextDecoder` understands. */
export type Encoding = string;

export interface EncodingGuess {
  encoding: Encoding;
  /** Bytes of byte-order mark at the start of the file. */
  bomLength: number;
}

/** Cuts a UTF-8 sample before a character split by the sample's end, so a valid file is not judged invalid. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(bytes));
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM shows as a zero byte in every other position for Latin text. */
function utf16WithoutBom(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Guesses the encoding of a file from its first bytes: a BOM decides; valid UTF-8 is UTF-8; otherwise chardet
 * names the legacy encoding (GB18030/GBK from Excel on Chinese Windows, Big5, Shift_JIS, Windows-1252, …).
 */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isValidUtf8(head)) return { encoding: 'utf-8', bomLength: 0 };
  const guess = (detect(head) ?? '').toLowerCase();
  // GBK and GB2312 are subsets of GB18030; chardet's ISO-8859 guesses on CJK bytes are rarer than GBK files.
  if (guess === '' || guess.startsWith('gb') || guess === 'utf-8') return { encoding: 'gb18030', bomLength: 0 };
  if (guess.startsWith('iso-8859-1') || guess.startsWith('windows-125')) return { encoding: 'windows-1252', bomLength: 0 };
  return { encoding: guess, bomLength: 0 };
}

/** True when DuckDB can read the file's bytes as they are (UTF-8, with or without BOM). */
export function readableInPlace(guess: EncodingGuess): boolean {
  return guess.encoding === 'utf-8';
}

/**
 * Decodes a file in a legacy encoding to UTF-8 bytes, streaming so a big file never becomes one JS string.
 * Reports the fraction of bytes read and stops when `signal` aborts.
 */
export async function decodeToUtf8(
  file: Blob,
  guess: EncodingGuess,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: false });
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let read = 0;
  let total = 0;
  const reader = file.stream().getReader();
  for (;;) {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    const out = encoder.encode(decoder.decode(value, { stream: true }));
    chunks.push(out);
    total += out.byteLength;
    onProgress?.(read / Math.max(1, file.size));
  }
  const tail = encoder.encode(decoder.decode());
  chunks.push(tail);
  total += tail.byteLength;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/** Recognises files that are not text at all (spreadsheets, archives, binaries), by their first bytes. */
export function binaryKind(head: Uint8Array): 'zip' | 'xls' | 'binary' | null {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  if (utf16WithoutBom(head) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  const n = Math.min(head.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) control++;
  }
  return n > 0 && control / n > 0.05 ? 'binary' : null;
}
