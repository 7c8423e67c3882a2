import { detectRoles, missingRoles, normalizeHeader } from './roles';

/** What a score column is to the Satisfaction view. */
export type QuestionRole = 'nps' | 'overall' | 'rating' | 'competitor';

export interface SurveyQuestion {
  column: string;
  role: QuestionRole;
  min: number;
  max: number;
  /** For a competitor's rating: our question on the same attribute. */
  pairOf: string | null;
}

/** Column name per role of a survey file; null when it has none. */
export interface SurveyMapping {
  respondent_id: string | null;
  order_id: string | null;
  response_date: string | null;
  touchpoint: string | null;
  comment: string | null;
  questions: SurveyQuestion[];
  /** Text columns responses are compared by (the touchpoint among them when there is one). */
  groups: string[];
}

/** Scales a score column can be on, by its values. */
export const SCALES = [
  { min: 0, max: 10 },
  { min: 1, max: 10 },
  { min: 1, max: 7 },
  { min: 1, max: 5 },
] as const;

const NPS = ['nps', 'likelihoodtorecommend', 'likelihoodofrecommending', 'recommend', 'wouldrecommend', 'ltr', 'npsscore', 'recommendscore',
  '推荐意愿', '推荐可能性', '推荐度', '推荐', '净推荐值', '推荐评分'];
const OVERALL = ['overall', 'overallsatisfaction', 'satisfaction', 'csat', 'overallscore', 'overallrating', 'rating', 'score', 'stars',
  '总体满意度', '整体满意度', '满意度', '总体评分', '综合评分', '评分', '打分', '星级'];
const COMMENT = ['comment', 'comments', 'feedback', 'review', 'reviewtext', 'verbatim', 'remarks', 'remark', 'opentext', 'suggestion',
  'suggestions', 'text', '评论', '留言', '评价', '评价内容', '意见', '建议', '反馈', '备注', '评论内容'];
const TOUCHPOINT = ['touchpoint', 'touchpoints', 'surveytype', 'surveypoint', 'journeystage', 'interaction', '触点', '接触点', '调查场景'];
const DATE = ['responsedate', 'surveydate', 'date', 'answeredat', 'respondedat', 'completedat', 'submittedat', 'submitted', 'submissiondate',
  'timestamp', 'createdat', 'time', '日期', '填写日期', '提交日期', '调查日期', '填写时间', '提交时间', '评价时间', '时间'];
const RESPONDENT = ['respondentid', 'respondent', 'customerid', 'customer', 'userid', 'memberid', 'clientid', 'custid', 'user',
  '受访者', '受访者id', '客户id', '客户编号', '客户', '用户id', '用户', '会员id', '会员', '顾客id', '顾客'];
const ORDER = ['orderid', 'orderno', 'ordernumber', 'invoiceno', 'invoice', '订单号', '订单id', '订单编号'];
/** Words that mark a column as a competitor's rating of an attribute we are rated on too. */
const COMPETITOR = /competitors?|rival|benchmark|竞品|竞争对手|对手|竞争者/i;
/** Headers that say a file is a survey even before its values do. */
const SURVEY_HINTS = [...NPS, ...OVERALL.filter((h) => h !== 'score' && h !== 'rating'), 'question', 'q1', '问卷', '满意'];

const DATE_LIKE = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/;
const INTEGER = /^\d{1,2}$/;

function pick(headers: string[], synonyms: string[], taken: Set<string>, test: (i: number) => boolean = () => true): string | null {
  const norm = headers.map(normalizeHeader);
  for (const exact of [true, false]) {
    let best: { i: number; rank: number } | null = null;
    norm.forEach((h, i) => {
      if (taken.has(headers[i]!) || !test(i)) return;
      const rank = synonyms.findIndex((s) => (exact ? h === s : s.length >= 3 && h.includes(s)));
      if (rank >= 0 && (!best || rank < best.rank)) best = { i, rank };
    });
    if (best) {
      const header = headers[(best as { i: number }).i]!;
      taken.add(header);
      return header;
    }
  }
  return null;
}

interface ColumnStats {
  filled: number;
  integers: number;
  min: number;
  max: number;
  dates: number;
  distinct: number;
  meanLength: number;
}

function stats(values: string[]): ColumnStats {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  // Whole numbers 0–10 only: a stray 11 or 99 is an answer off the scale (rejected at load), not a new scale.
  const ints = filled.filter((v) => INTEGER.test(v)).map(Number).filter((n) => n <= 10);
  return {
    filled: filled.length,
    integers: ints.length,
    min: ints.length ? Math.min(...ints) : NaN,
    max: ints.length ? Math.max(...ints) : NaN,
    dates: filled.filter((v) => DATE_LIKE.test(v)).length,
    distinct: new Set(filled).size,
    meanLength: filled.length ? filled.reduce((s, v) => s + v.length, 0) / filled.length : 0,
  };
}

/** The scale of a column of whole-number answers (its sample's lowest and highest); the NPS question is 0–10. */
export function scaleOf(s: { min: number; max: number }, nps: boolean): { min: number; max: number } {
  if (nps || s.min === 0) return { min: 0, max: 10 };
  if (s.max > 7) return { min: 1, max: 10 };
  return s.max > 5 ? { min: 1, max: 7 } : { min: 1, max: 5 };
}

/** A score column: whole numbers 0–10 in at least 80 % of its answers (blank answers allowed). */
function isScore(s: ColumnStats): boolean {
  return s.filled > 0 && s.integers / s.filled >= 0.8 && s.distinct <= 13;
}

/** Detects a survey file's roles from its headers (English and Chinese) and its values. */
export function detectSurvey(headers: string[], rows: string[][]): SurveyMapping {
  const column = (i: number) => rows.map((r) => r[i] ?? '');
  const st = headers.map((_, i) => stats(column(i)));
  const taken = new Set<string>();
  const index = (h: string) => headers.indexOf(h);
  const score = (i: number) => isScore(st[i]!);
  const dateCol = (i: number) => st[i]!.filled > 0 && st[i]!.dates / st[i]!.filled >= 0.8;

  const respondent = pick(headers, RESPONDENT, taken, (i) => !score(i) || st[i]!.distinct > 11);
  const order = pick(headers, ORDER, taken);
  const date = pick(headers, DATE, taken, dateCol) ?? headers.find((h, i) => !taken.has(h) && dateCol(i)) ?? null;
  if (date) taken.add(date);
  const nps = pick(headers, NPS, taken, score);
  const overall = pick(headers, OVERALL, taken, score);
  const comment = pick(headers, COMMENT, taken, (i) => !score(i)) ?? headers.find((h, i) => !taken.has(h) && st[i]!.meanLength > 25 && st[i]!.distinct > 5) ?? null;
  if (comment) taken.add(comment);
  const touchpoint = pick(headers, TOUCHPOINT, taken, (i) => !score(i));

  // No header names the NPS question: the first score column on a 0–10 scale is it (the values say so).
  const npsColumn = nps ?? headers.find((h, i) => !taken.has(h) && score(i) && scaleOf(st[i]!, false).max === 10 && scaleOf(st[i]!, false).min === 0) ?? null;
  const questions: SurveyQuestion[] = [];
  headers.forEach((h, i) => {
    const s = st[i]!;
    if (h === npsColumn) questions.push({ column: h, role: 'nps', ...scaleOf(s, true), pairOf: null });
    else if (h === overall) questions.push({ column: h, role: 'overall', ...scaleOf(s, false), pairOf: null });
    else if (!taken.has(h) && score(i)) questions.push({ column: h, role: 'rating', ...scaleOf(s, false), pairOf: null });
  });
  // A rating whose header names a competitor pairs with ours of the same name without that word.
  const bare = (h: string) => normalizeHeader(h.replace(COMPETITOR, ''));
  for (const q of questions) {
    if (q.role !== 'rating' || !COMPETITOR.test(q.column)) continue;
    const ours = questions.find((o) => o !== q && o.role === 'rating' && !COMPETITOR.test(o.column) && normalizeHeader(o.column) === bare(q.column));
    if (ours) Object.assign(q, { role: 'competitor', pairOf: ours.column });
  }
  const asked = new Set(questions.map((q) => q.column));
  const groups = headers.filter((h, i) => {
    if (asked.has(h) || h === date || h === comment || h === respondent || h === order) return false;
    const s = st[i]!;
    return h === touchpoint || (s.filled > 0 && s.distinct >= 2 && s.distinct <= 50 && s.dates < s.filled && s.integers < s.filled && s.meanLength <= 40);
  });
  return { respondent_id: respondent, order_id: order, response_date: date, touchpoint, comment, questions, groups };
}

/** The columns of a survey file that hold dates (the response date is one of them, the user's pick). */
export function dateColumns(headers: string[], rows: string[][]): string[] {
  return headers.filter((_, i) => {
    const s = stats(rows.map((r) => r[i] ?? ''));
    return s.filled > 0 && s.dates / s.filled >= 0.8;
  });
}

/** What a survey mapping lacks to be analysable: a response date and at least one score question. */
export function missingSurveyRoles(m: SurveyMapping): ('response_date' | 'score')[] {
  const missing: ('response_date' | 'score')[] = [];
  if (!m.response_date) missing.push('response_date');
  if (m.questions.length === 0) missing.push('score');
  return missing;
}

export type TableKind = 'transactions' | 'survey';

/**
 * What a file holds, from its columns: survey responses (a date and a score question, no amount) or transactions.
 * Null when the columns fit both (the user is asked); a file that fits neither goes to the transaction mapping.
 */
export function fileKind(headers: string[], rows: string[][]): TableKind | null {
  const tx = detectRoles(headers, rows);
  const survey = detectSurvey(headers, rows);
  // A rating named like money (`price_value`) is an answer, not an amount.
  const asked = new Set(survey.questions.map((q) => q.column));
  const money = (c: string | null) => !!c && !asked.has(c);
  const amountByHeader = money(tx.amount) && /amount|revenue|sales|total|value|spend|金额|销售|消费|支付|付款|成交/i.test(normalizeHeader(tx.amount!));
  const transactions = missingRoles(tx).length === 0 && (amountByHeader || (money(tx.quantity) && money(tx.unit_price)));
  const hinted = headers.map(normalizeHeader).some((h) => SURVEY_HINTS.some((s) => h === s || (s.length >= 4 && h.includes(s)))) || survey.comment !== null;
  const surveyLike = missingSurveyRoles(survey).length === 0 && (hinted || survey.questions.length >= 2);
  if (surveyLike) return transactions ? null : 'survey';
  return 'transactions';
}
