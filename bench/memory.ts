import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak resident memory (VmHWM) of the largest Chromium renderer process, in bytes: the tab, including DuckDB's
 * worker and its wasm memory. Linux only; null elsewhere.
 */
export function rendererPeakBytes(): number | null {
  let peak: number | null = null;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom') || !cmd.includes('--type=renderer')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak ?? 0, Number(hwm[1]) * 1024);
    } catch {
      // the process ended while we looked
    }
  }
  return peak;
}
