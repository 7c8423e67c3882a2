import { describe, expect, it } from 'vitest';
import { needsNormalizing, normalizeCsv, scanCsv } from './csv-scan';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
/** Every chunk size from one byte up, and the default: a break or a `""` split across chunks reads the same. */
const SIZES = [1, 2, 3, 5, 7, undefined];

describe('csv-scan: the record breaks of a file', () => {
  it('counts the breaks outside quotes by kind, whatever the chunking', async () => {
    // Breaks outside quotes: CRLF after the header, a lone LF after row 2, a lone CR after row 3, a CRLF at the end.
    // Inside quotes: a CR, a LF and a CRLF, which are no breaks.
    const text = 'a,b\r\n1,"x\ry"\n2,"p\nq"\r3,"s\r\nt"\r\n';
    for (const size of SIZES) {
      expect(await scanCsv(enc(text), ',', undefined, size), `chunks of ${size}`).toEqual({ crlf: 2, lf: 1, cr: 1, openQuote: false });
    }
  });

  it('tells a quote still open at the end from one closed by a doubled quote', async () => {
    for (const size of SIZES) {
      expect((await scanCsv(enc('a,b\n1,"x""y"\n'), ',', undefined, size)).openQuote, `closed, chunks of ${size}`).toBe(false);
      expect((await scanCsv(enc('a,b\n1,"x""\n2,3\n'), ',', undefined, size)).openQuote, `open, chunks of ${size}`).toBe(true);
      // The file ends right after the closing quote.
      expect((await scanCsv(enc('a,b\n1,"x"'), ',', undefined, size)).openQuote, `closed at the end, chunks of ${size}`).toBe(false);
    }
  });

  it('opens quotes only at the start of a field, for the delimiter given', async () => {
    // A quote inside a field is text: the LF after it is a break, and nothing is left open.
    expect(await scanCsv(enc('a,b\n1,x"y\n2,3\n'), ',')).toEqual({ crlf: 0, lf: 3, cr: 0, openQuote: false });
    // With `;` as the delimiter, `,"` is inside a field: no quoted field opens.
    expect((await scanCsv(enc('a;b\n1,"x;y\n'), ';')).openQuote).toBe(false);
    expect((await scanCsv(enc('a;b\n1;"x,y\n'), ';')).openQuote).toBe(true);
    // A quote right after a UTF-8 BOM opens the header's first field.
    expect((await scanCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('"a\nb,c\n')]), ',')).openQuote).toBe(true);
  });

  it('asks for a rewrite only for mixed breaks or an open quote', () => {
    expect(needsNormalizing({ crlf: 5, lf: 0, cr: 0, openQuote: false })).toBe(false);
    expect(needsNormalizing({ crlf: 0, lf: 5, cr: 0, openQuote: false })).toBe(false);
    expect(needsNormalizing({ crlf: 0, lf: 0, cr: 5, openQuote: false })).toBe(false);
    expect(needsNormalizing({ crlf: 5, lf: 1, cr: 0, openQuote: false })).toBe(true);
    expect(needsNormalizing({ crlf: 5, lf: 0, cr: 1, openQuote: false })).toBe(true);
    expect(needsNormalizing({ crlf: 1, lf: 0, cr: 0, openQuote: true })).toBe(true);
  });
});

describe('csv-scan: the rewritten file', () => {
  it('writes every break outside quotes as LF and keeps every other byte, BOM included', async () => {
    const text = '\uFEFFa,b\r\n1,"x\ry"\n2,"p\nq"\r3,"s\r\nt"\r\n\r\n4,5\r';
    for (const size of SIZES) {
      const { bytes, open } = await normalizeCsv(enc(text), ',', undefined, size);
      expect(dec(bytes), `chunks of ${size}`).toBe('\uFEFFa,b\n1,"x\ry"\n2,"p\nq"\n3,"s\r\nt"\n\n4,5\n');
      expect(open).toBeNull();
    }
  });

  it('leaves out the record whose quote never closes and gives its row (blank lines count, quoted breaks do not)', async () => {
    // Rows: header 1, record 2 (with a quoted break), blank 3, record 4, the open record 5.
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,3\r\n4,"never\r\n5,6\r\n';
    for (const size of SIZES) {
      const { bytes, open } = await normalizeCsv(enc(text), ',', undefined, size);
      expect(dec(bytes), `chunks of ${size}`).toBe('a,b\n1,"x\r\ny"\n\n2,3\n');
      expect(open).toEqual({ row: 5, text: '4,"never' });
    }
  });

  it('reads a Blob as it reads bytes', async () => {
    const text = 'a,b\r\n1,2\n"3,4\r\n';
    const { bytes, open } = await normalizeCsv(new Blob([text]), ',', undefined, 4);
    expect(dec(bytes)).toBe('a,b\n1,2\n');
    expect(open).toEqual({ row: 3, text: '"3,4' });
    expect(await scanCsv(new Blob([text]), ',', undefined, 4)).toEqual({ crlf: 1, lf: 1, cr: 0, openQuote: true });
  });
});

describe('csv-scan: the parts a file can be read in', () => {
  /** The row of the record starting at `offset` of a text without quotes: 1 + the line breaks before it. */
  const rowOf = (text: string, offset: number) => 1 + [...text.slice(0, offset).matchAll(/\n/g)].length;

  it('cuts only where a record starts, never inside quotes, with the row DuckDB numbers it by', async () => {
    // A quoted break in row 2, a blank row 4, CRLF breaks: every record start is a cut with one byte per part.
    const text = 'id,note\r\n1,"x\r\ny"\r\n2,z\r\n\r\n3,"a,b"\r\n4,w\r\n';
    // Records: the header (row 1) to offset 9, row 2 to 19 (its break at 13 is quoted), row 3 to 24, the blank row 4
    // to 26, row 5 to 35, row 6 to the end (40). The first record after the header is where part 1 starts anyway.
    for (const size of SIZES) {
      const { parts } = await scanCsv(enc(text), ',', undefined, size, 1);
      expect(parts?.headerEnd, `chunks of ${size}`).toBe(9);
      expect(parts?.cuts, `chunks of ${size}`).toEqual([
        { offset: 19, row: 3 },
        { offset: 24, row: 4 },
        { offset: 26, row: 5 },
        { offset: 35, row: 6 },
      ]);
    }
  });

  it('cuts a file of plain lines (read a chunk at a time) at its chunks\u2019 last breaks, about every `cutEvery` bytes', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `c${i},${i * 3}`);
    const text = `customer,amount\n${lines.join('\n')}\n`;
    const { parts } = await scanCsv(enc(text), ',', undefined, 64, 300);
    expect(parts!.headerEnd).toBe(16);
    expect(parts!.cuts.length).toBeGreaterThan(3);
    let previous = parts!.headerEnd;
    for (const c of parts!.cuts) {
      expect(text[c.offset - 1], `a record starts at ${c.offset}`).toBe('\n');
      expect(c.row).toBe(rowOf(text, c.offset));
      expect(c.offset - previous).toBeGreaterThanOrEqual(300);
      expect(c.offset - previous).toBeLessThan(300 + 64);
      previous = c.offset;
    }
    expect(previous).toBeLessThan(text.length);
  });

  it('gives no parts unless asked', async () => {
    expect((await scanCsv(enc('a,b\n1,2\n'), ',')).parts).toBeUndefined();
  });
});
