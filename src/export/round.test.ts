import { describe, expect, it } from 'vitest';
import { roundOrNull } from './round';

describe('roundOrNull', () => {
  it('rounds to the given decimals and keeps a missing value missing', () => {
    expect(roundOrNull(0.123456, 4)).toBe(0.1235);
    expect(roundOrNull('29.277806', 2)).toBe(29.28);
    expect(roundOrNull(-1.005, 1)).toBe(-1);
    expect(roundOrNull(null, 2)).toBeNull();
    expect(roundOrNull(undefined, 2)).toBeNull();
  });
});
