import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadSurveyFixture, type FixtureQuestion, type FixtureResponse } from '../../../test/helpers/survey-fixture';
import { competitorSql, csatSql, driversSql, ratingDistributionSql } from './ratings';

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
});
afterAll(() => db.close());

const q = (question: string, role: FixtureQuestion['role'], min = 1, max = 5, pairOf?: string): FixtureQuestion =>
  ({ question, role, min, max, pairOf });

// Respondents 1–4 answer overall 1, 2, 3, 4 (deviations from 2.5: −1.5, −0.5, 0.5, 1.5; Σ² = 5) and:
//   A 2, 4, 3, 5: deviations −1.5, 0.5, −0.5, 1.5 (Σ² = 5); Σ products 2.25 − 0.25 − 0.25 + 2.25 = 4; r = 4 / √(5·5) = 0.8.
//   B 1, 2, 3, 4: r = 1.
//   C 5, 4, 5, 4: deviations ±0.5 (Σ² = 1); Σ products −0.75 + 0.25 + 0.25 − 0.75 = −1; r = −1/√5 = −0.4472.
//   D 1, 2, 1, 2: Σ products 0.75 − 0.25 − 0.25 + 0.75 = 1; r = 1/√5 = 0.4472.
//   E 5, 1 (respondents 1 and 2 only: 2 pairs) and F 3, 3, 3, 3 (no variance): no importance.
//   recommend (NPS) 10, 0, 10, 0: not the target, as there is an overall question (A against it would be negative).
// Respondents 5–8 answer G (1–7) 5, 6, 7, 7 only; the competitors rate C 5, 5 and A 3, 3, 4.
const SCORES: Record<string, number[]> = {
  overall: [1, 2, 3, 4], recommend: [10, 0, 10, 0], C_rival: [5, 5], A_rival: [3, 3, 4],
  A: [2, 4, 3, 5], B: [1, 2, 3, 4], C: [5, 4, 5, 4], D: [1, 2, 1, 2], E: [5, 1], F: [3, 3, 3, 3],
};
const DRIVERS: FixtureResponse[] = [
  ...[0, 1, 2, 3].map((i) => ({
    date: '2024-01-01',
    nps: SCORES.recommend[i],
    ratings: Object.fromEntries(Object.entries(SCORES).filter(([, s]) => i < s.length).map(([k, s]) => [k, s[i]])),
  })),
  ...[5, 6, 7, 7].map((g) => ({ date: '2024-01-01', ratings: { G: g } })),
];
const QUESTIONS = [q('overall', 'overall'), q('recommend', 'nps', 0, 10), q('C_rival', 'competitor', 1, 5, 'C'),
  q('A_rival', 'competitor', 1, 5, 'A'), q('A', 'rating'), q('B', 'rating'), q('C', 'rating'), q('D', 'rating'),
  q('E', 'rating'), q('F', 'rating'), q('G', 'rating', 1, 7)];

describe('drivers, CSAT and competitors', () => {
  beforeAll(() => loadSurveyFixture(db, DRIVERS, QUESTIONS));

  it('places the rated questions in the importance–performance matrix', async () => {
    // Performance (mean − 1) / 4: A 0.625, B 0.375, C 0.875, D 0.125; average 0.5.
    // Average importance (0.8 + 1 − 0.4472 + 0.4472) / 4 = 0.45.
    // Top two on 1–5 = 4–5; on 1–7 = 6–7 (G's 5 is not in it): 3 of 4.
    expect(await db.query(driversSql())).toEqual([
      { question: 'A', responses: 4, mean: 3.5, top2_share: 0.5, importance: 0.8, quadrant: 'keep_up' },
      { question: 'B', responses: 4, mean: 2.5, top2_share: 0.25, importance: 1, quadrant: 'concentrate' },
      { question: 'C', responses: 4, mean: 4.5, top2_share: 1, importance: -0.4472, quadrant: 'overkill' },
      { question: 'D', responses: 4, mean: 1.5, top2_share: 0, importance: 0.4472, quadrant: 'low_priority' },
      { question: 'E', responses: 2, mean: 3, top2_share: 0.5, importance: null, quadrant: null },
      { question: 'F', responses: 4, mean: 3, top2_share: 0, importance: null, quadrant: null },
      { question: 'G', responses: 4, mean: 6.25, top2_share: 0.75, importance: null, quadrant: null },
    ]);
  });

  it('gives CSAT for the 1–5 overall and rating questions', async () => {
    expect(await db.query(csatSql())).toEqual([
      { question: 'overall', responses: 4, csat: 0.25, mean: 2.5 },
      { question: 'A', responses: 4, csat: 0.5, mean: 3.5 },
      { question: 'B', responses: 4, csat: 0.25, mean: 2.5 },
      { question: 'C', responses: 4, csat: 1, mean: 4.5 },
      { question: 'D', responses: 4, csat: 0, mean: 1.5 },
      { question: 'E', responses: 2, csat: 0.5, mean: 3 },
      { question: 'F', responses: 4, csat: 0, mean: 3 },
    ]);
  });

  it('compares our means with the competitor’s, in the order of our questions', async () => {
    // A: 3.5 against 10/3 = 3.333, gap 0.1667 → 0.167. C: 4.5 against 5, gap −0.5.
    expect(await db.query(competitorSql())).toEqual([
      { attribute: 'A', ours: 3.5, theirs: 3.333, gap: 0.167, responses_ours: 4, responses_theirs: 3 },
      { attribute: 'C', ours: 4.5, theirs: 5, gap: -0.5, responses_ours: 4, responses_theirs: 2 },
    ]);
  });
});

describe('without an overall question', () => {
  // recommend (NPS) 1, 3, 2, 4 and X 1, 2, 3, 4 for respondents 1–4 (the 4 pairs: r = 0.8 as for A above);
  // respondent 5 answers X = 2 only. X: 5 answers, mean 12/5 = 2.4, top two 1/5.
  beforeAll(() =>
    loadSurveyFixture(db, [
      ...[1, 3, 2, 4].map((nps, i) => ({ date: '2024-01-01', nps, ratings: { recommend: nps, X: i + 1 } })),
      { date: '2024-01-02', ratings: { X: 2 } },
    ], [q('recommend', 'nps', 0, 10), q('X', 'rating')]));

  it('correlates with the NPS question', async () => {
    expect(await db.query(driversSql())).toEqual([
      { question: 'X', responses: 5, mean: 2.4, top2_share: 0.2, importance: 0.8, quadrant: 'keep_up' },
    ]);
  });

  it('counts the answers per question and score', async () => {
    expect(await db.query(ratingDistributionSql())).toEqual([
      { question: 'recommend', score: 1, responses: 1, share: 0.25 },
      { question: 'recommend', score: 2, responses: 1, share: 0.25 },
      { question: 'recommend', score: 3, responses: 1, share: 0.25 },
      { question: 'recommend', score: 4, responses: 1, share: 0.25 },
      { question: 'X', score: 1, responses: 1, share: 0.2 },
      { question: 'X', score: 2, responses: 2, share: 0.4 },
      { question: 'X', score: 3, responses: 1, share: 0.2 },
      { question: 'X', score: 4, responses: 1, share: 0.2 },
    ]);
  });
});
