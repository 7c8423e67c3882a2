import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bgnbd';
import { fitGammaGamma, Q_AT_MOST_ONE } from './gamma-gamma';
import { fitIssues } from './fit-status';

describe('fitIssues', () => {
  it('reads the messages the fits actually give', () => {
    expect(fitIssues(fitBgNbd([]).message)).toEqual([{ code: 'no_customers', detail: '' }]);
    const none = fitBgNbd([{ x: 0, tx: 0, T: 30, weight: 100 }]);
    expect(fitIssues(none.message).map((i) => i.code)).toContain('no_repeat');
    const single = fitBgNbd([{ x: 2, tx: 30.43, T: 38.86, weight: 1 }]);
    expect(fitIssues(single.message).find((i) => i.code === 'unidentified')?.detail).toMatch(/^[a-z, ]+$/);
    expect(fitIssues(fitGammaGamma([{ x: 0, m: 0, weight: 3 }]).message)).toEqual([{ code: 'no_spend', detail: '' }]);
    expect(fitIssues(`gradient not zero at the optimum (max |g| = 0.1); ${Q_AT_MOST_ONE}`).map((i) => i.code)).toEqual(['not_converged', 'q_at_most_one']);
  });

  it('keeps unknown words and has nothing to say about a good fit', () => {
    expect(fitIssues('something new')).toEqual([{ code: 'other', detail: 'something new' }]);
    expect(fitIssues(undefined)).toEqual([]);
  });
});
