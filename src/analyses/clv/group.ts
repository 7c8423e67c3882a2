/** Customers sharing one (x, t_x, T): the BG/NBD likelihood only needs each distinct triple once. */
export interface FrequencyGroup {
  /** Repeat transactions. */
  x: number;
  /** Time of the last purchase after the first. */
  tx: number;
  /** Time from the first purchase to the end of observation. */
  T: number;
  /** Number of customers with this triple. */
  weight: number;
}

/** Customers sharing one (x, m): the Gamma-Gamma likelihood only needs each distinct pair once. */
export interface SpendGroup {
  /** Repeat transactions. */
  x: number;
  /** Mean value of the repeat transactions. */
  m: number;
  weight: number;
}

/**
 * Groups customers with identical (x, t_x, T) into weighted triples, in order of first appearance.
 * @throws RangeError on arrays of different lengths or a row that is not 0 ≤ t_x ≤ T with x ≥ 0 (all finite).
 */
export function groupFrequency(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): FrequencyGroup[] {
  if (x.length !== tx.length || x.length !== T.length) {
    throw new RangeError(`groupFrequency: arrays differ in length (${x.length}, ${tx.length}, ${T.length})`);
  }
  const groups = new Map<string, FrequencyGroup>();
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const txi = tx[i];
    const Ti = T[i];
    if (!(xi >= 0 && txi >= 0 && Ti >= txi && Number.isFinite(Ti))) {
      throw new RangeError(`groupFrequency: row ${i} has x=${xi}, t_x=${txi}, T=${Ti} (need x ≥ 0, 0 ≤ t_x ≤ T, finite)`);
    }
    const key = `${xi} ${txi} ${Ti}`;
    const g = groups.get(key);
    if (g) g.weight++;
    else groups.set(key, { x: xi, tx: txi, T: Ti, weight: 1 });
  }
  return [...groups.values()];
}

/**
 * Groups customers with identical (x, m) into weighted pairs, in order of first appearance.
 * Rows with x = 0 or m ≤ 0 are kept: the Gamma-Gamma fit leaves them out and counts them.
 * @throws RangeError on arrays of different lengths or a non-finite value.
 */
export function groupSpend(x: ArrayLike<number>, m: ArrayLike<number>): SpendGroup[] {
  if (x.length !== m.length) throw new RangeError(`groupSpend: arrays differ in length (${x.length}, ${m.length})`);
  const groups = new Map<string, SpendGroup>();
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const mi = m[i];
    if (!Number.isFinite(xi) || !Number.isFinite(mi)) throw new RangeError(`groupSpend: row ${i} has x=${xi}, m=${mi}`);
    const key = `${xi} ${mi}`;
    const g = groups.get(key);
    if (g) g.weight++;
    else groups.set(key, { x: xi, m: mi, weight: 1 });
  }
  return [...groups.values()];
}
