const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Saves bytes as a file through a temporary link (no request leaves the page). */
export function saveBytes(name: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves CSV bytes with a UTF-8 BOM, so Excel opens Chinese text correctly. */
export function saveCsv(name: string, csv: Uint8Array): void {
  saveBytes(name, [BOM, csv as BlobPart], 'text/csv;charset=utf-8');
}

/** Saves a data URL (a chart's PNG) under a name. */
export function saveDataUrl(name: string, dataUrl: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}
