import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { loadSurveyFixture } from '../../../test/helpers/survey-fixture';
import { Dataset } from '../../ingest/loader';
import { behaviourByNpsGroupSql, linkCoverageSql, linkedRespondentsSql, npsByCustomerColumnSql, stageMixSql, valuableDetractorsSql } from './link';

const AS_OF = '2024-06-30';
// c's return on 03-01 is not a purchase; its purchase on 07-05 falls after the as-of date.
const ORDERS = `order_id,customer_id,order_date,amount
1,a,2024-01-10,100
2,a,2024-02-15,50
3,a,2024-05-20,30
4,b,2024-01-05,40
5,c,2024-01-20,70
r1,c,2024-03-01,-20
6,c,2024-07-05,10
7,d,2024-06-01,25
`;

describe('surveys linked to behaviour', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', ORDERS));
    await loadSurveyFixture(db, [
      { respondent: 'a', date: '2024-01-12', nps: 10 },
      { respondent: 'a', date: '2024-02-20', nps: 9, comment: 'good' },
      { respondent: 'b', date: '2024-01-06', nps: 3, comment: 'too slow' },
      { respondent: 'c', date: '2024-01-25', nps: 7 },
      { respondent: 'd', date: '2024-06-02', nps: 10 },
      { respondent: 'e', date: '2024-03-01', nps: 0 },
      { date: '2024-03-01', nps: 8 },
      { respondent: 'a', date: '2024-07-01', nps: 2 },
    ]);
    await db.exec(`CREATE TABLE stages AS SELECT * FROM (VALUES ('a', 'active'), ('b', 'churned'), ('c', 'churned'), ('d', 'new')) t(customer_id, stage)`);
    await db.exec(`CREATE TABLE seg AS SELECT * FROM (VALUES ('a', 'x', 'B', 180.0, 3, 41), ('b', 'x', 'A', 40.0, 1, 177),
      ('c', 'y', 'C', 50.0, 1, 162), ('d', 'y', 'C', 25.0, 1, 29)) t(customer_id, segment_key, tier, monetary, frequency, recency_days)`);
  });
  afterAll(() => db.close());

  it('takes each respondent’s latest answer up to the as-of date and what they did after it', async () => {
    // a: latest 02-20 (9); bought again 05-20, which is day 90 after 02-20 (2024 is a leap year): revenue 30.
    // c: only the return (−20) after its answer; d: answered 28 days before the as-of date, so no 90-day revenue.
    expect(await db.query(`SELECT * FROM (${linkedRespondentsSql()}) ORDER BY customer_id`, [AS_OF])).toEqual([
      { customer_id: 'a', score: 9, nps_group: 'promoter', response_date: '2024-02-20', bought_again: true, revenue_90d: 30 },
      { customer_id: 'b', score: 3, nps_group: 'detractor', response_date: '2024-01-06', bought_again: false, revenue_90d: 0 },
      { customer_id: 'c', score: 7, nps_group: 'passive', response_date: '2024-01-25', bought_again: false, revenue_90d: -20 },
      { customer_id: 'd', score: 10, nps_group: 'promoter', response_date: '2024-06-02', bought_again: false, revenue_90d: null },
    ]);
    // e answered but never bought; the answer without an id and a's answer after the as-of date do not count.
    expect(await db.query(linkCoverageSql(), [AS_OF])).toEqual([{ respondents: 5, linked: 4 }]);
  });

  it('compares the NPS groups’ repurchase and revenue', async () => {
    expect(await db.query(behaviourByNpsGroupSql(), [AS_OF])).toEqual([
      { nps_group: 'promoter', respondents: 2, repurchase_rate: 0.5, respondents_90d: 1, revenue_per_respondent_90d: 30 },
      { nps_group: 'passive', respondents: 1, repurchase_rate: 0, respondents_90d: 1, revenue_per_respondent_90d: -20 },
      { nps_group: 'detractor', respondents: 1, repurchase_rate: 0, respondents_90d: 1, revenue_per_respondent_90d: 0 },
    ]);
  });

  it('computes NPS by a customer column and lists valuable detractors', async () => {
    // x: a promoter, b detractor → NPS 0; y: c passive, d promoter → NPS 50; revenue over those with 90 days.
    expect(await db.query(npsByCustomerColumnSql('seg', 'segment_key'), [AS_OF])).toEqual([
      { value: 'x', respondents: 2, nps: 0, repurchase_rate: 0.5, revenue_per_respondent_90d: 15 },
      { value: 'y', respondents: 2, nps: 50, repurchase_rate: 0, revenue_per_respondent_90d: -20 },
    ]);
    expect(await db.query(`SELECT * FROM ${valuableDetractorsSql('seg')}`, [AS_OF])).toEqual([
      { customer_id: 'b', score: 3, response_date: '2024-01-06', segment_key: 'x', monetary: 40, frequency: 1, recency_days: 177, comment: 'too slow' },
    ]);
  });

  it('splits each NPS group by churn-window stage', async () => {
    expect(await db.query(stageMixSql('stages'), [AS_OF])).toEqual([
      { nps_group: 'detractor', stage: 'churned', respondents: 1, share: 1 },
      { nps_group: 'passive', stage: 'churned', respondents: 1, share: 1 },
      { nps_group: 'promoter', stage: 'active', respondents: 1, share: 0.5 },
      { nps_group: 'promoter', stage: 'new', respondents: 1, share: 0.5 },
    ]);
  });
});
