import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, STAGE_FIXTURE } from '../../../test/helpers/behaviour-fixture';
import { QueryLayer, type TableSpec } from '../../query/query-layer';
import { lifecycleCustomers } from './customers';
import { atRiskRequest, lifecycleExportRequest, type ValueSources } from './requests';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).trim().split('\n');

/** Stand-ins for the RFM and CLV views' tables: `rfm_customers` keyed by segment, `clv_customers` at 100 % margin. */
const RFM: TableSpec = {
  name: 'rfm_customers',
  key: 'fixture',
  build: [{ sql: `CREATE OR REPLACE TABLE rfm_customers AS SELECT * FROM (VALUES ('e', 2, 4, 3, 243, 'need_attention'), ('a', 5, 1, 1, 511, 'new'))
    v(customer_id, r_score, f_score, m_score, rfm_score, segment_key)` }],
};
const CLV: TableSpec = {
  name: 'clv_customers',
  key: 'fixture',
  build: [{ sql: `CREATE OR REPLACE TABLE clv_customers AS SELECT * FROM (VALUES ('e', 0.25::DOUBLE, 25.0::DOUBLE)) v(customer_id, p_alive, clv_full_margin)` }],
};
/** Segment names bound as parameters, as the RFM view's `segmentName` does; CLV at a 50 % margin. */
const VALUES: ValueSources = {
  rfm: {
    table: RFM,
    segment: { sql: `CASE r.segment_key WHEN 'need_attention' THEN $1 WHEN 'new' THEN $2 END`, params: ['Need attention', 'New'] },
  },
  clv: { table: CLV, clv: '(0.5 * c.clv_full_margin)' },
};

describe('lifecycle exports', () => {
  let db: NodeDb;
  let layer: QueryLayer;
  const table = lifecycleCustomers('2024-06-30', 30);
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, STAGE_FIXTURE);
    layer = new QueryLayer(db);
  });
  afterAll(() => db.close());

  it('writes lifecycle.csv and at_risk.csv without RFM or CLV', async () => {
    const none = { rfm: null, clv: null };
    const life = text(await layer.exportCsv(lifecycleExportRequest(table, none)));
    expect(life[0]).toBe('customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,stage,churned');
    expect(life.length).toBe(10);
    expect(life[2]).toBe('b,2024-05-31,2024-05-31,1,10.00,30,,churned,true');
    expect(life[5]).toBe('d,2024-01-10,2024-06-15,3,30.00,15,78.5,reactivated,false');
    // g's return is no order (it was one before purchases were told from returns); revenue is net: 50 − 20.
    expect(life[8]).toBe('g,2024-04-01,2024-04-01,1,30.00,90,,churned,true');
    expect(text(await layer.exportCsv(atRiskRequest(table, none)))).toEqual([
      'customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,overdue_ratio',
      'e,2024-05-20,2024-06-09,3,30.00,21,10.0,2.1',
    ]);
  });

  it('joins the RFM scores with the segment named in the UI language, and CLV, customers missing from them blank', async () => {
    expect(text(await layer.exportCsv(atRiskRequest(table, VALUES)))).toEqual([
      'customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,overdue_ratio,r_score,f_score,m_score,rfm_score,segment,p_alive,clv',
      'e,2024-05-20,2024-06-09,3,30.00,21,10.0,2.1,2,4,3,243,Need attention,0.25,12.5',
    ]);
    const life = text(await layer.exportCsv(lifecycleExportRequest(table, VALUES)));
    expect(life[0]).toBe('customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,stage,churned,r_score,f_score,m_score,rfm_score,segment,p_alive,clv');
    expect(life[1]).toBe('a,2024-06-20,2024-06-20,1,10.00,10,,new,false,5,1,1,511,New,,');
    expect(layer.stats.builds).toEqual(['customer_facts', 'purchase_days', 'lifecycle_customers', 'rfm_customers', 'clv_customers']);
  });
});
