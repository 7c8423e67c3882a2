import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../test/helpers/node-db';
import { fileOf } from '../../test/helpers/files';
import { SurveySet } from './survey-loader';
import { detectSurvey, fileKind } from './survey-roles';
import { sniff } from './sniff';

// Line 1 is the header. Line 4: no date (rejected); line 5: NPS 11 (that answer rejected, the response kept);
// line 6: service 6 on a 1–5 scale (rejected answer) and blank NPS; line 7: a date in D/M/Y… no, ISO only here.
const CSV = `respondent,survey date,likelihood to recommend,service,competitor service,store,comment
12347.0,2024-01-05,9,5,3,North,"Great service, fast"
c2,2024-01-31,6,2,4,South,slow
c3,,10,5,5,North,
c4,2024-02-01,11,4,4,South,ok
c5,2024-02-02,,6,2,North,
c6,2024-02-03,7,3,,South,fine
`;

describe('survey files', () => {
  let db: NodeDb;
  let set: SurveySet;
  beforeAll(async () => {
    db = await NodeDb.create();
    set = new SurveySet(db);
    await set.add(fileOf('survey.csv', CSV));
  });
  afterAll(() => db.close());

  it('detects the roles, the NPS question, the scales and the competitor pair', () => {
    const s = sniff(CSV)!;
    expect(fileKind(s.headers, s.rows)).toBe('survey');
    expect(detectSurvey(s.headers, s.rows)).toEqual({
      respondent_id: 'respondent', order_id: null, response_date: 'survey date', touchpoint: null, comment: 'comment',
      questions: [
        { column: 'likelihood to recommend', role: 'nps', min: 0, max: 10, pairOf: null },
        { column: 'service', role: 'rating', min: 1, max: 7, pairOf: null },
        { column: 'competitor service', role: 'competitor', min: 1, max: 5, pairOf: 'service' },
      ],
      groups: ['store'],
    });
  });

  it('keeps responses with a date, and only the answers on their scale', async () => {
    // Scales as detected: service 1–7 (its sample has a 6), so only the NPS 11 is off its scale.
    expect(await db.query('SELECT response_id, line, respondent_id, response_date, nps_score, comment FROM responses ORDER BY line')).toEqual([
      { response_id: 1, line: 2, respondent_id: '12347', response_date: '2024-01-05', nps_score: 9, comment: 'Great service, fast' },
      { response_id: 2, line: 3, respondent_id: 'c2', response_date: '2024-01-31', nps_score: 6, comment: 'slow' },
      { response_id: 4, line: 5, respondent_id: 'c4', response_date: '2024-02-01', nps_score: null, comment: 'ok' },
      { response_id: 5, line: 6, respondent_id: 'c5', response_date: '2024-02-02', nps_score: null, comment: null },
      { response_id: 6, line: 7, respondent_id: 'c6', response_date: '2024-02-03', nps_score: 7, comment: 'fine' },
    ]);
    expect(await db.query('SELECT line, column_name, value, reason FROM survey_rejects ORDER BY line')).toEqual([
      { line: 4, column_name: 'survey date', value: null, reason: 'missing_date' },
      { line: 5, column_name: 'likelihood to recommend', value: '11', reason: 'score_out_of_range' },
    ]);
    expect(await db.query(`SELECT count(*) AS n FROM response_ratings WHERE question = 'competitor service'`)).toEqual([{ n: 4 }]);
    expect(await db.query(`SELECT group_value, count(*) AS n FROM response_groups GROUP BY ALL ORDER BY 1`)).toEqual([
      { group_value: 'North', n: 2 }, { group_value: 'South', n: 3 },
    ]);
  });

  it('rebuilds from the raw tables when the user changes a scale', async () => {
    const m = set.mapping!;
    await set.remap({ ...m, questions: m.questions.map((q) => (q.column === 'service' ? { ...q, max: 5 } : q)) });
    expect(await db.query(`SELECT line, value FROM survey_rejects WHERE column_name = 'service'`)).toEqual([{ line: 6, value: '6' }]);
    expect(await db.query(`SELECT file_index, rows_read, responses, rejected_responses, rejected_answers FROM (${(await import('./survey-sql')).surveyQualitySql()})`)).toEqual([
      { file_index: 100000, rows_read: 6, responses: 5, rejected_responses: 1, rejected_answers: 2 },
    ]);
  });

  it('recognises Chinese headers and tells transactions from surveys', () => {
    const zh = sniff('用户ID,填写日期,推荐意愿,满意度,评论\nu1,2024-03-01,8,4,物流很快\nu2,2024-03-02,3,2,太慢了\n')!;
    expect(detectSurvey(zh.headers, zh.rows)).toMatchObject({
      respondent_id: '用户ID', response_date: '填写日期', comment: '评论',
      questions: [{ column: '推荐意愿', role: 'nps' }, { column: '满意度', role: 'overall', min: 1, max: 5 }],
    });
    expect(fileKind(zh.headers, zh.rows)).toBe('survey');
    // No header says NPS: the 0–10 column is the NPS question, the 1–5 one a rating.
    const bare = sniff('id,date,q1,q2\na,2024-03-01,0,4\nb,2024-03-02,9,5\nc,2024-03-03,10,1\n')!;
    expect(detectSurvey(bare.headers, bare.rows).questions).toEqual([
      { column: 'q1', role: 'nps', min: 0, max: 10, pairOf: null }, { column: 'q2', role: 'rating', min: 1, max: 5, pairOf: null },
    ]);
    const tx = sniff('customer_id,order_date,amount\na,2024-01-01,10.50\n')!;
    expect(fileKind(tx.headers, tx.rows)).toBe('transactions');
    const both = sniff('customer_id,order_date,amount,nps\na,2024-01-01,10.50,9\n')!;
    expect(fileKind(both.headers, both.rows)).toBeNull();
  });
});

describe('the generated survey sample', () => {
  it('is recognised as a survey, its money-like rating names notwithstanding', async () => {
    const { readFileSync } = await import('node:fs');
    const s = sniff(readFileSync(new URL('../../public/samples/survey_sample.csv', import.meta.url), 'utf8'))!;
    expect(fileKind(s.headers, s.sample)).toBe('survey');
    const m = detectSurvey(s.headers, s.sample);
    expect(m.questions.filter((q) => q.role === 'competitor').map((q) => q.pairOf)).toEqual(['product_quality', 'delivery_speed', 'price_value', 'customer_service']);
    expect(m.groups).toEqual(['channel', 'touchpoint']);
  });
});
