import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { binaryKind, decodeToUtf8, detectEncoding } from './encoding';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url)));

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(fixture('utf8-bom.csv'))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(fixture('utf16le-bom.csv'))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(fixture('utf16be-bom.csv'))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('tells UTF-8 from GB18030 without a BOM', () => {
    expect(detectEncoding(new TextEncoder().encode('客户,日期\n甲,2024-01-01\n')).encoding).toBe('utf-8');
    expect(detectEncoding(fixture('gb18030.csv')).encoding).toBe('gb18030');
  });

  it('does not call UTF-8 invalid because the sample ends inside a character', () => {
    const bytes = new TextEncoder().encode('a,客户');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('finds UTF-16 without a BOM', () => {
    const le = new Uint8Array([...'id,date\n1,2024'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(detectEncoding(le).encoding).toBe('utf-16le');
  });
});

describe('decodeToUtf8', () => {
  it('turns GB18030 into UTF-8 bytes', async () => {
    const bytes = await decodeToUtf8(new Blob([fixture('gb18030.csv')]), { encoding: 'gb18030', bomLength: 0 });
    expect(new TextDecoder().decode(bytes).split('\n')[0]).toBe('客户编号,下单日期,实付金额,商品,地区');
  });
});

describe('binaryKind', () => {
  it('recognises archives, old Excel files and binary noise, and passes text', () => {
    expect(binaryKind(new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toBe('zip');
    expect(binaryKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]))).toBe('xls');
    expect(binaryKind(new Uint8Array(Array.from({ length: 500 }, (_, i) => (i * 31) % 256)))).toBe('binary');
    expect(binaryKind(new TextEncoder().encode('a,b\n1,2\n'))).toBeNull();
    expect(binaryKind(fixture('utf16le-bom.csv'))).toBeNull();
  });
});
