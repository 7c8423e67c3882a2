/**
 * The survey model: built from the loaded survey files and their mapping (src/ingest/survey-loader.ts), read by the
 * Satisfaction analyses. One row per kept response in `responses`; its question scores and grouping values in long
 * tables, so every question and every grouping column is one GROUP BY.
 */

/** Kind of a question's scale, from its values: 0–10 (NPS), 1–5 (CSAT, stars), 1–7 (CES), 1–10. */
export type Scale = { min: number; max: number };

export const SURVEY_TABLES = ['responses', 'response_ratings', 'response_groups', 'survey_questions', 'survey_rejects'] as const;

export function surveyTablesSql(): string[] {
  return [
    // response_date: the calendar date of the response (the user's pick among the file's dates).
    // nps_score: the NPS question (0–10), NULL when the file has none or the row left it blank.
    `CREATE OR REPLACE TABLE responses (
      response_id BIGINT, file_index INTEGER, line BIGINT, respondent_id VARCHAR, order_id VARCHAR,
      response_date DATE, nps_score INTEGER, touchpoint VARCHAR, comment VARCHAR)`,
    // One row per answered question (blank answers have no row); the NPS question is a question too.
    `CREATE OR REPLACE TABLE response_ratings (response_id BIGINT, question VARCHAR, score INTEGER)`,
    // One row per response and grouping column (the touchpoint column among them), value blank → no row.
    `CREATE OR REPLACE TABLE response_groups (response_id BIGINT, group_column VARCHAR, group_value VARCHAR)`,
    // role: 'nps' (the NPS question), 'overall' (the overall satisfaction question), 'rating' (an attribute),
    // 'competitor' (a competitor's rating of the attribute in `pair_of`).
    `CREATE OR REPLACE TABLE survey_questions (
      question VARCHAR, position INTEGER, role VARCHAR, scale_min INTEGER, scale_max INTEGER, pair_of VARCHAR)`,
    // reason: 'bad_date', 'missing_date', 'score_out_of_range' (value is the text as written).
    `CREATE OR REPLACE TABLE survey_rejects (file_index INTEGER, line BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR)`,
  ];
}

export function dropSurveyTablesSql(): string[] {
  return SURVEY_TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`);
}
