import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadSurveyFixture, type FixtureResponse } from '../../../test/helpers/survey-fixture';
import { mixShift, npsByGroupSql, npsByPeriodSql, npsGroupTrendSql, npsOverallSql, npsSharesSql } from './nps';

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
});
afterAll(() => db.close());

const overallOf = async (scores: (number | null)[]) => {
  await loadSurveyFixture(db, scores.map((nps) => ({ date: '2024-01-15', nps })));
  return (await db.query(npsOverallSql()))[0];
};

describe('NPS and its interval', () => {
  it('splits at 6/7 and 8/9 and works out the interval', async () => {
    // Promoters 9, 10, 9, 10, 9; passives 7, 8, 7; detractors 6, 0; the NULL is no response. n = 10, p = 0.5, d = 0.2:
    // NPS 100·0.3 = 30; p + d − (p − d)² = 0.7 − 0.09 = 0.61; √(0.61 / 10) = √0.061 = 0.246982;
    // half-width 1.96·100·0.246982 = 48.408; 30 − 48.408 = −18.408 → −18.4, 30 + 48.408 = 78.408 → 78.4.
    expect(await overallOf([9, 10, 9, 10, 9, 7, 8, 7, 6, 0, null])).toEqual({
      responses: 10, promoters: 5, passives: 3, detractors: 2, nps: 30, nps_low: -18.4, nps_high: 78.4,
    });
  });

  it('has no width when everyone is a promoter or everyone a detractor', async () => {
    // p = 1, d = 0: 1 + 0 − 1² = 0.
    expect(await overallOf([10, 9, 10])).toMatchObject({ nps: 100, nps_low: 100, nps_high: 100 });
    expect(await overallOf([0])).toMatchObject({ nps: -100, nps_low: -100, nps_high: -100 });
  });

  it('clips the interval at ±100', async () => {
    // n = 5, p = 0.6, d = 0.2: NPS 40; 0.8 − 0.16 = 0.64; √(0.64 / 5) = √0.128 = 0.357771; half-width 70.123;
    // 40 − 70.123 = −30.123 → −30.1; 40 + 70.123 = 110.123 → clipped to 100. The mirror case clips the low end.
    expect(await overallOf([10, 9, 9, 8, 3])).toMatchObject({ nps: 40, nps_low: -30.1, nps_high: 100 });
    expect(await overallOf([0, 1, 2, 7, 10])).toMatchObject({ nps: -40, nps_low: -100, nps_high: 30.1 });
  });

  it('gives one row of zero responses when there are none', async () => {
    expect(await overallOf([null])).toEqual({
      responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null, nps_low: null, nps_high: null,
    });
  });
});

describe('NPS per period', () => {
  beforeAll(() =>
    loadSurveyFixture(db, [
      { date: '2024-01-31', nps: 10 }, // Wednesday
      { date: '2024-02-01', nps: 0 }, // Thursday, same ISO week (Monday 2024-01-29)
      { date: '2024-03-03', nps: 9 }, // Sunday: week of Monday 2024-02-26
      { date: '2024-03-04', nps: 7 }, // Monday: a new week
      { date: '2024-04-01', nps: 8 }, // Monday, second quarter
      { date: '2024-05-10', nps: null }, // no response: no May row
    ]));

  it('cuts months at the last day', async () => {
    // March: p = 0.5, d = 0 → NPS 50; 0.5 − 0.25 = 0.25; √(0.25 / 2) = 0.353553; half-width 69.296;
    // 50 − 69.296 = −19.296 → −19.3, 119.296 → 100.
    expect(await db.query(npsByPeriodSql('month'))).toEqual([
      { period: '2024-01-01', responses: 1, promoters: 1, passives: 0, detractors: 0, nps: 100, nps_low: 100, nps_high: 100 },
      { period: '2024-02-01', responses: 1, promoters: 0, passives: 0, detractors: 1, nps: -100, nps_low: -100, nps_high: -100 },
      { period: '2024-03-01', responses: 2, promoters: 1, passives: 1, detractors: 0, nps: 50, nps_low: -19.3, nps_high: 100 },
      { period: '2024-04-01', responses: 1, promoters: 0, passives: 1, detractors: 0, nps: 0, nps_low: 0, nps_high: 0 },
    ]);
  });

  it('starts weeks on Monday', async () => {
    // Week of 2024-01-29: p = d = 0.5 → NPS 0; 1 − 0 = 1; √(1 / 2) = 0.707107; half-width 138.59 → −100..100.
    expect(await db.query(npsByPeriodSql('week'))).toEqual([
      { period: '2024-01-29', responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0, nps_low: -100, nps_high: 100 },
      { period: '2024-02-26', responses: 1, promoters: 1, passives: 0, detractors: 0, nps: 100, nps_low: 100, nps_high: 100 },
      { period: '2024-03-04', responses: 1, promoters: 0, passives: 1, detractors: 0, nps: 0, nps_low: 0, nps_high: 0 },
      { period: '2024-04-01', responses: 1, promoters: 0, passives: 1, detractors: 0, nps: 0, nps_low: 0, nps_high: 0 },
    ]);
  });

  it('cuts quarters', async () => {
    // Q1: 10, 0, 9, 7 → p = 0.5, d = 0.25, NPS 25; 0.75 − 0.0625 = 0.6875; √(0.6875 / 4) = 0.414578;
    // half-width 81.257; 25 − 81.257 = −56.257 → −56.3; 106.257 → 100.
    expect(await db.query(npsByPeriodSql('quarter'))).toEqual([
      { period: '2024-01-01', responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25, nps_low: -56.3, nps_high: 100 },
      { period: '2024-04-01', responses: 1, promoters: 0, passives: 1, detractors: 0, nps: 0, nps_low: 0, nps_high: 0 },
    ]);
  });

  it('exports the columns of nps.csv', async () => {
    const csv = new TextDecoder().decode(await db.exportCsv(npsByPeriodSql('quarter'))).trim().split('\n');
    expect(csv).toEqual([
      'period,responses,promoters,passives,detractors,nps,nps_low,nps_high',
      '2024-01-01,4,2,1,1,25.0,-56.3,100.0',
      '2024-04-01,1,0,1,0,0.0,0.0,0.0',
    ]);
  });
});

// A mix shift: segment A (the better) and B both improve from January to February, but most February responses come
// from B, so the overall NPS falls.
// January: A 10 responses, 6 promoters + 4 passives → 60; B 2: 1 passive + 1 detractor → −50.
//   Overall 12: 6 promoters, 5 passives, 1 detractor → 100·5/12 = 41.7.
// February: A 2 promoters → 100; B 10: 2 promoters, 4 passives, 4 detractors → −20.
//   Overall 12: 4, 4, 4 → 0. Overall −41.7; A +40, B +30.
// Channel: 'web' on three of A's January promoters, 'app' on B's January detractor.
const rows = (n: number, date: string, nps: number, groups: Record<string, string>): FixtureResponse[] =>
  Array.from({ length: n }, () => ({ date, nps, groups }));
const SIMPSON: FixtureResponse[] = [
  ...rows(3, '2024-01-05', 10, { segment: 'A', channel: 'web' }),
  ...rows(3, '2024-01-06', 9, { segment: 'A' }),
  ...rows(4, '2024-01-07', 8, { segment: 'A' }),
  ...rows(1, '2024-01-08', 7, { segment: 'B' }),
  ...rows(1, '2024-01-09', 2, { segment: 'B', channel: 'app' }),
  ...rows(2, '2024-02-05', 10, { segment: 'A' }),
  ...rows(2, '2024-02-06', 9, { segment: 'B' }),
  ...rows(4, '2024-02-07', 7, { segment: 'B' }),
  ...rows(4, '2024-02-08', 5, { segment: 'B' }),
  { date: '2024-02-09', nps: null, groups: { segment: 'A' } },
];

describe('NPS per group', () => {
  beforeAll(() => loadSurveyFixture(db, SIMPSON));

  it('orders by column, then most responses, then value', async () => {
    // A: 12 responses, 8 promoters, 4 passives: p = 2/3, d = 0 → 66.7; 2/3 − 4/9 = 2/9; √(2/9 / 12) = √(1/54)
    //   = 0.136083; half-width 26.672; 66.667 − 26.672 = 39.994 → 40.0, 93.339 → 93.3.
    // B: 12 responses, 2 promoters, 5 passives, 5 detractors: p = 1/6, d = 5/12 → −25; 7/12 − 1/16 = 25/48;
    //   √(25/48 / 12) = 5/24 = 0.208333; half-width 40.833; −65.833 → −65.8, 15.833 → 15.8.
    expect(await db.query(npsByGroupSql())).toEqual([
      { group_column: 'channel', group: 'web', responses: 3, promoters: 3, passives: 0, detractors: 0, nps: 100, nps_low: 100, nps_high: 100 },
      { group_column: 'channel', group: 'app', responses: 1, promoters: 0, passives: 0, detractors: 1, nps: -100, nps_low: -100, nps_high: -100 },
      { group_column: 'segment', group: 'A', responses: 12, promoters: 8, passives: 4, detractors: 0, nps: 66.7, nps_low: 40, nps_high: 93.3 },
      { group_column: 'segment', group: 'B', responses: 12, promoters: 2, passives: 5, detractors: 5, nps: -25, nps_low: -65.8, nps_high: 15.8 },
    ]);
  });

  it('gives the NPS per group and month', async () => {
    expect(await db.query(npsGroupTrendSql('month'))).toEqual([
      { period: '2024-01-01', group_column: 'channel', group: 'app', responses: 1, nps: -100 },
      { period: '2024-01-01', group_column: 'channel', group: 'web', responses: 3, nps: 100 },
      { period: '2024-01-01', group_column: 'segment', group: 'A', responses: 10, nps: 60 },
      { period: '2024-02-01', group_column: 'segment', group: 'A', responses: 2, nps: 100 },
      { period: '2024-01-01', group_column: 'segment', group: 'B', responses: 2, nps: -50 },
      { period: '2024-02-01', group_column: 'segment', group: 'B', responses: 10, nps: -20 },
    ]);
  });

  it('gives the shares of the three groups per month', async () => {
    expect(await db.query(npsSharesSql('month'))).toEqual([
      { period: '2024-01-01', nps_group: 'promoter', share: 6 / 12 },
      { period: '2024-01-01', nps_group: 'passive', share: 5 / 12 },
      { period: '2024-01-01', nps_group: 'detractor', share: 1 / 12 },
      { period: '2024-02-01', nps_group: 'promoter', share: 4 / 12 },
      { period: '2024-02-01', nps_group: 'passive', share: 4 / 12 },
      { period: '2024-02-01', nps_group: 'detractor', share: 4 / 12 },
    ]);
  });

  it('finds the mix shift', async () => {
    const overall = await db.query<{ period: string; nps: number }>(npsByPeriodSql('month'));
    expect(overall.map((r) => r.nps)).toEqual([41.7, 0]);
    const trend = await db.query<{ group_column: string; group: string; period: string; nps: number; responses: number }>(
      npsGroupTrendSql('month'));
    expect(mixShift(overall, trend.filter((r) => r.group_column === 'segment'))).toEqual({
      overall: -41.7,
      groups: [{ group: 'A', change: 40 }, { group: 'B', change: 30 }],
    });
  });
});

describe('mixShift', () => {
  const overall = [{ period: '2024-01-01', nps: 20 }, { period: '2024-02-01', nps: 25 }, { period: '2024-03-01', nps: 10 }];
  const g = (group: string, period: string, nps: number, responses = 10) => ({ group, period, nps, responses });

  it('compares the first and last period and skips groups missing from either', () => {
    // Overall 10 − 20 = −10; A 30 − 25.5 = +4.5, B −5 − (−10) = +5; C only in March.
    expect(mixShift(overall, [g('A', '2024-01-01', 25.5), g('A', '2024-03-01', 30), g('B', '2024-01-01', -10),
      g('B', '2024-02-01', -50), g('B', '2024-03-01', -5), g('C', '2024-03-01', -90)])).toEqual({
      overall: -10, groups: [{ group: 'A', change: 4.5 }, { group: 'B', change: 5 }],
    });
  });

  it('is null unless every group moves against the overall', () => {
    const ab = (a: number, b: number) => [g('A', '2024-01-01', 0), g('A', '2024-03-01', a), g('B', '2024-01-01', 0), g('B', '2024-03-01', b)];
    expect(mixShift(overall, ab(5, -1))).toBeNull(); // B falls with the overall
    expect(mixShift(overall, ab(5, 0))).toBeNull(); // B does not move
    expect(mixShift(overall, [g('A', '2024-01-01', 0), g('A', '2024-03-01', 5)])).toBeNull(); // one group
    expect(mixShift([{ period: '2024-01-01', nps: 10 }, { period: '2024-03-01', nps: 10 }], ab(5, 5))).toBeNull();
    expect(mixShift([{ period: '2024-01-01', nps: 10 }], ab(5, 5))).toBeNull();
  });
});
