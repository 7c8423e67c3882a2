import type { Db } from '../../src/db/db';
import { literal } from '../../src/db/sql';
import { eventTablesSql, type EventRole } from '../../src/analyses/events/schema';

/** One event of a hand-worked fixture; `ts` is `YYYY-MM-DD HH:MM:SS` (wall-clock, analysis zone). */
export interface FixtureEvent {
  user: string;
  ts: string;
  type: string;
  role?: EventRole;
  item?: string;
  category?: string;
  page?: string;
  session?: string;
  device?: string;
  channel?: string;
  amount?: number;
}

const DEFAULT_ROLES: Record<string, EventRole> = { pv: 'view', view: 'view', fav: 'favourite', cart: 'cart', buy: 'purchase', purchase: 'purchase' };
const text = (v: string | undefined) => (v === undefined ? 'NULL' : literal(v));

/** Creates the event model's tables (src/analyses/events/schema.ts) holding exactly these events, ids in order. */
export async function loadEventFixture(db: Db, events: FixtureEvent[]): Promise<void> {
  for (const sql of eventTablesSql()) await db.exec(sql);
  if (!events.length) return;
  const rows = events.map((e, i) => {
    const role = e.role ?? DEFAULT_ROLES[e.type] ?? 'other';
    return `(${i + 1}, 0, ${i + 1}, ${literal(e.user)}, TIMESTAMP ${literal(e.ts)}, CAST(TIMESTAMP ${literal(e.ts)} AS DATE), ${literal(e.type)},
      ${literal(role)}, ${text(e.item)}, ${text(e.category)}, ${text(e.page)}, ${text(e.session)}, ${text(e.device)}, ${text(e.channel)},
      ${e.amount ?? 'NULL'}, NULL)`;
  });
  await db.exec(`INSERT INTO events VALUES ${rows.join(',\n')}`);
}
