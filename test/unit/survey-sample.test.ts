import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NodeDb } from '../helpers/node-db';
import { fileOf } from '../helpers/files';
import { Dataset } from '../../src/ingest/loader';
import { SurveySet } from '../../src/ingest/survey-loader';
import { behaviourByNpsGroupSql } from '../../src/analyses/survey/link';
import { driversSql } from '../../src/analyses/survey/ratings';

const sample = (name: string) => fileOf(name, readFileSync(new URL(`../../public/samples/${name}`, import.meta.url)));

// The sample's promise to students: its promoters really do buy again more often than its detractors.
describe('the survey sample linked to the retail sample', () => {
  let db: NodeDb;
  let asOf: string;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(sample('retail_sample.csv'));
    await new SurveySet(db).add(sample('survey_sample.csv'));
    asOf = (await db.query<{ d: string }>('SELECT max(order_date) AS d FROM orders'))[0]!.d;
  }, 60_000);
  afterAll(() => db.close());

  it('links most respondents, and promoters buy again and spend more than detractors', async () => {
    const rows = await db.query<{ nps_group: string; respondents: number; repurchase_rate: number; revenue_per_respondent_90d: number }>(behaviourByNpsGroupSql(), [asOf]);
    const by = Object.fromEntries(rows.map((r) => [r.nps_group, r]));
    expect(by.promoter!.respondents).toBeGreaterThan(300);
    expect(by.detractor!.respondents).toBeGreaterThan(300);
    expect(by.promoter!.repurchase_rate - by.detractor!.repurchase_rate).toBeGreaterThan(0.3);
    expect(by.passive!.repurchase_rate).toBeGreaterThan(by.detractor!.repurchase_rate);
    expect(by.promoter!.revenue_per_respondent_90d).toBeGreaterThan(by.detractor!.revenue_per_respondent_90d);
  });

  it('makes delivery and service the drivers, price a weak one', async () => {
    const d = Object.fromEntries((await db.query<{ question: string; importance: number }>(driversSql())).map((r) => [r.question, r.importance]));
    expect(Math.min(d.delivery_speed!, d.customer_service!)).toBeGreaterThan(0.5);
    expect(d.price_value!).toBeLessThan(0.3);
  });
});
