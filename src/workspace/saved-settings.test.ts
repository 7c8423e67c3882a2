import { describe, expect, it } from 'vitest';
import { SavedSettings } from './saved-settings.svelte';

describe('saved settings', () => {
  it('gives bound fields their saved values, keeps a setting of a view not bound yet, and drops a value of the wrong shape', () => {
    const s = new SavedSettings();
    s.load({ rfm: { bins: 4, scheme: 'cn8', thresholds: 'high' }, markov: { lostAfter: 3 } });
    const rfm = { bins: 5, scheme: 'classic', thresholds: [1, 2, 3], other: 'x' };
    s.bind('rfm', rfm, ['bins', 'scheme', 'thresholds']);
    expect(rfm).toEqual({ bins: 4, scheme: 'cn8', thresholds: [1, 2, 3], other: 'x' });
    rfm.bins = 3;
    expect(s.current()).toEqual({ rfm: { bins: 3, scheme: 'cn8', thresholds: [1, 2, 3] }, markov: { lostAfter: 3 } });
    const markov = { lostAfter: 2, periods: 6 };
    s.bind('markov', markov, ['lostAfter', 'periods']);
    expect(markov).toEqual({ lostAfter: 3, periods: 6 });
  });

  it('loads a workspace over the bound objects, copying rather than sharing saved values', () => {
    const s = new SavedSettings();
    const seg = { cuts: [10, 20] };
    s.bind('segments', seg, ['cuts']);
    const saved = { segments: { cuts: [5] } };
    s.load(saved);
    expect(seg.cuts).toEqual([5]);
    seg.cuts.push(6);
    expect(saved.segments.cuts).toEqual([5]);
  });
});
