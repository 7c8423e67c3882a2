import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { dimensionCountsSql, dimensionValuesSql } from './dimensions-sql';
import { createTransactions, MONTHLY } from './test-fixtures';

describe('filter dimensions', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
  });
  afterAll(() => db.close());

  it('finds which dimensions have values and lists them by customers', async () => {
    await createTransactions(db, MONTHLY.map((l) => ({ ...l, region: undefined })));
    // Channel and region are counted on orders (12: a1 is one order of two lines), category on the 13 lines.
    expect(await db.query(dimensionCountsSql())).toEqual([{ channel: 12, region: 0, category: 13 }]);
    // Web: a, b, d, e, f; App: a, b, d; Store: c.
    expect(await db.query(dimensionValuesSql('channel'))).toEqual([
      { value: 'Web', customers: 5 }, { value: 'App', customers: 3 }, { value: 'Store', customers: 1 },
    ]);
    expect(await db.query(dimensionValuesSql('channel', 1))).toEqual([{ value: 'Web', customers: 5 }]);
  });
});
