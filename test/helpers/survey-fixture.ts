import type { Db } from '../../src/db/db';
import { literal } from '../../src/db/sql';
import { surveyTablesSql } from '../../src/analyses/survey/schema';

/** One response of a hand-worked survey fixture. */
export interface FixtureResponse {
  respondent?: string;
  date: string;
  nps?: number | null;
  touchpoint?: string;
  comment?: string;
  order?: string;
  /** Question → score (the NPS question's score goes here too when it is a question of the fixture). */
  ratings?: Record<string, number>;
  /** Grouping column → value. */
  groups?: Record<string, string>;
}

export interface FixtureQuestion {
  question: string;
  role: 'nps' | 'overall' | 'rating' | 'competitor';
  min: number;
  max: number;
  pairOf?: string;
}

const text = (v: string | null | undefined) => (v == null ? 'NULL' : literal(v));

/** Creates the survey model's tables (src/analyses/survey/schema.ts) holding exactly these rows. */
export async function loadSurveyFixture(db: Db, responses: FixtureResponse[], questions: FixtureQuestion[] = []): Promise<void> {
  for (const sql of surveyTablesSql()) await db.exec(sql);
  const rows = responses.map((r, i) =>
    `(${i + 1}, 0, ${i + 2}, ${text(r.respondent)}, ${text(r.order)}, DATE ${literal(r.date)}, ${r.nps ?? 'NULL'}, ${text(r.touchpoint)}, ${text(r.comment)})`);
  if (rows.length) await db.exec(`INSERT INTO responses VALUES ${rows.join(', ')}`);
  const ratings = responses.flatMap((r, i) => Object.entries(r.ratings ?? {}).map(([q, s]) => `(${i + 1}, ${literal(q)}, ${s})`));
  if (ratings.length) await db.exec(`INSERT INTO response_ratings VALUES ${ratings.join(', ')}`);
  const groups = responses.flatMap((r, i) => Object.entries(r.groups ?? {}).map(([c, v]) => `(${i + 1}, ${literal(c)}, ${literal(v)})`));
  if (groups.length) await db.exec(`INSERT INTO response_groups VALUES ${groups.join(', ')}`);
  const qs = questions.map((q, i) => `(${literal(q.question)}, ${i + 1}, ${literal(q.role)}, ${q.min}, ${q.max}, ${text(q.pairOf)})`);
  if (qs.length) await db.exec(`INSERT INTO survey_questions VALUES ${qs.join(', ')}`);
}
