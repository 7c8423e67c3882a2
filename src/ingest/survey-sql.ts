import { ident, literal } from '../db/sql';
import { dateExpr, type DayOrder } from './parse-sql';
import { csvSource, rejectsNames, type CsvSpec } from './source-sql';
import type { SurveyMapping } from './survey-roles';
import { surveyTablesSql } from '../analyses/survey/schema';

/** One survey file's records as text, with its file index and line (the header is line 1). */
export function surveyRawName(index: number): string {
  return `survey_raw_${index}`;
}

/** Reads one survey file (every column as text) into its raw table; malformed lines go to its rejects table. */
export function surveyRawSql(f: CsvSpec): string[] {
  return [
    `CREATE OR REPLACE TABLE ${surveyRawName(f.index)} AS
SELECT ${f.index} AS _file, __row + 1 AS _line, * EXCLUDE (__row) FROM ${csvSource({ ...f, types: {} }, true)}`,
  ];
}

const text = (col: string | null) => (col ? `NULLIF(trim(${ident(col)}), '')` : 'NULL::VARCHAR');
/** Ids written as floats (`12347.0`) read as whole numbers, as the transactions' ids are by default. */
const idText = (col: string | null) => (col ? `regexp_replace(${text(col)}, '^(-?[0-9]+)\\.0+$', '\\1')` : 'NULL::VARCHAR');

/** A score as written, when it is a whole number on [min, max]; NULL otherwise. */
function validScore(v: string, min: number, max: number): string {
  const n = `TRY_CAST(${v} AS DOUBLE)`;
  return `CASE WHEN ${n} = round(${n}) AND ${n} BETWEEN ${min} AND ${max} THEN CAST(${n} AS INTEGER) END`;
}

/**
 * Rebuilds the survey model (src/analyses/survey/schema.ts) from the raw tables of `files` with one mapping: a
 * response needs a readable date; an answer off its question's scale is rejected (with its line and column) and the
 * rest of the response kept.
 */
export function buildSurveySql(files: readonly CsvSpec[], m: SurveyMapping, dayOrder: DayOrder): string[] {
  const union = files.map((f) => `SELECT * FROM ${surveyRawName(f.index)}`).join(' UNION ALL BY NAME ');
  const questions = m.questions.map((q, i) => ({ ...q, alias: `q_${i}` }));
  const groups = m.groups.map((g, i) => ({ column: g, alias: `g_${i}` }));
  const date = m.response_date ? ident(m.response_date) : 'NULL::VARCHAR';
  const parsed = `CREATE OR REPLACE TEMP TABLE survey_parsed AS
SELECT _file, _line, row_number() OVER (ORDER BY _file, _line) AS response_id,
  ${idText(m.respondent_id)} AS respondent_id, ${text(m.order_id)} AS order_id, ${text(m.touchpoint)} AS touchpoint,
  ${text(m.comment)} AS comment, ${text(m.response_date)} AS date_text,
  CAST(${dateExpr(`CAST(${date} AS VARCHAR)`, dayOrder)} AS DATE) AS response_date
  ${questions.map((q) => `, ${text(q.column)} AS ${q.alias}`).join('')}
  ${groups.map((g) => `, ${text(g.column)} AS ${g.alias}`).join('')}
FROM (${union})`;
  const kept = 'FROM survey_parsed WHERE response_date IS NOT NULL';
  const nps = questions.find((q) => q.role === 'nps');
  const rejects = [
    `SELECT _file, _line, ${literal(m.response_date ?? '')}, date_text, CASE WHEN date_text IS NULL THEN 'missing_date' ELSE 'bad_date' END
     FROM survey_parsed WHERE response_date IS NULL`,
    ...questions.map((q) => `SELECT _file, _line, ${literal(q.column)}, ${q.alias}, 'score_out_of_range' ${kept}
     AND ${q.alias} IS NOT NULL AND ${validScore(q.alias, q.min, q.max)} IS NULL`),
    ...files.map((f) => `SELECT ${f.index}, line, NULL, left(csv_line, 200), 'malformed_line' FROM ${rejectsNames(f.index).rejects}`),
  ];
  return [
    ...surveyTablesSql(),
    parsed,
    `INSERT INTO responses SELECT response_id, _file, _line, respondent_id, order_id, response_date,
      ${nps ? validScore(nps.alias, nps.min, nps.max) : 'NULL'}, touchpoint, comment ${kept}`,
    ...questions.map((q) => `INSERT INTO response_ratings SELECT response_id, ${literal(q.column)}, ${validScore(q.alias, q.min, q.max)} ${kept}
      AND ${validScore(q.alias, q.min, q.max)} IS NOT NULL`),
    ...groups.map((g) => `INSERT INTO response_groups SELECT response_id, ${literal(g.column)}, ${g.alias} ${kept} AND ${g.alias} IS NOT NULL`),
    ...(questions.length
      ? [`INSERT INTO survey_questions VALUES ${questions.map((q, i) => `(${literal(q.column)}, ${i + 1}, ${literal(q.role)}, ${q.min}, ${q.max}, ${q.pairOf ? literal(q.pairOf) : 'NULL'})`).join(', ')}`]
      : []),
    `INSERT INTO survey_rejects ${rejects.join('\nUNION ALL ')}`,
    'DROP TABLE survey_parsed',
  ];
}

/** Per survey file: records read, responses kept, responses and answers rejected. */
export function surveyQualitySql(): string {
  return `SELECT f.file_index, f.rows_read, COALESCE(k.kept, 0) AS responses,
  COALESCE(r.rejected_responses, 0) AS rejected_responses, COALESCE(r.rejected_answers, 0) AS rejected_answers,
  k.first_date, k.last_date, COALESCE(k.respondents, 0) AS respondents
FROM survey_files f
LEFT JOIN (SELECT file_index, count(*) AS kept, count(DISTINCT respondent_id) AS respondents,
  min(response_date) AS first_date, max(response_date) AS last_date FROM responses GROUP BY ALL) k USING (file_index)
LEFT JOIN (SELECT file_index, count(*) FILTER (WHERE reason IN ('missing_date', 'bad_date', 'malformed_line')) AS rejected_responses,
  count(*) FILTER (WHERE reason = 'score_out_of_range') AS rejected_answers FROM survey_rejects GROUP BY ALL) r USING (file_index)
ORDER BY f.file_index`;
}

/** The survey files and their record counts, beside the model (for the quality table). */
export function surveyFilesSql(files: readonly { index: number; name: string }[]): string[] {
  const rows = files.map((f) => `(${f.index}, ${literal(f.name)}, (SELECT count(*) FROM ${surveyRawName(f.index)}) + (SELECT count(*) FROM ${rejectsNames(f.index).rejects}))`);
  return [
    'CREATE OR REPLACE TABLE survey_files (file_index INTEGER, source_file VARCHAR, rows_read BIGINT)',
    ...(rows.length ? [`INSERT INTO survey_files VALUES ${rows.join(', ')}`] : []),
  ];
}
