/** Importance–performance quadrants (Martilla & James) of `driversSql`. */
export const QUADRANTS = ['concentrate', 'keep_up', 'low_priority', 'overkill'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** Per question of `survey_questions`: its answers, mean and top-two-box share (no answers: 0, NULL, NULL). */
const ANSWERS = `SELECT q.question, q.position, q.role, q.scale_min, q.scale_max,
    count(r.score)::INTEGER AS responses, avg(r.score) AS mean,
    count(*) FILTER (WHERE r.score >= q.scale_max - 1) / nullif(count(r.score), 0) AS top2_share
  FROM survey_questions q LEFT JOIN response_ratings r ON r.question = q.question
  GROUP BY ALL`;

/** Answers per question (every role) and score, with their share of the question's answers. */
export function ratingDistributionSql(): string {
  return `SELECT q.question, r.score, count(*)::INTEGER AS responses,
  count(*) / sum(count(*)) OVER (PARTITION BY q.question) AS share
FROM survey_questions q JOIN response_ratings r ON r.question = q.question
GROUP BY q.question, q.position, r.score ORDER BY q.position, r.score`;
}

/** A question exactly at the average counts as high; this absorbs the rounding error of the average. */
const EPS = '1e-9';

/**
 * Key drivers of the 'rating' questions. importance = Pearson correlation with the target (the 'overall' question,
 * else the 'nps' one) over the responses that answered both; NULL below 3 pairs or without variance. The quadrant
 * splits at the average importance and performance (mean rescaled to 0–1) of the questions with an importance.
 */
export function driversSql(): string {
  return `WITH a AS (${ANSWERS}),
target AS (SELECT question FROM survey_questions WHERE role IN ('overall', 'nps') ORDER BY role = 'overall' DESC, position LIMIT 1),
pairs AS (SELECT r.question, r.score AS x, t.score AS y FROM response_ratings r
  JOIN response_ratings t ON t.response_id = r.response_id AND t.question = (SELECT question FROM target)),
imp AS (SELECT question, CASE WHEN count(*) >= 3 AND min(x) < max(x) AND min(y) < max(y) THEN round(corr(x, y), 4) END AS importance
  FROM pairs GROUP BY question),
d AS (SELECT a.*, imp.importance, (a.mean - a.scale_min) / (a.scale_max - a.scale_min) AS performance
  FROM a LEFT JOIN imp ON imp.question = a.question WHERE a.role = 'rating'),
split AS (SELECT avg(importance) AS importance, avg(performance) AS performance FROM d WHERE importance IS NOT NULL)
SELECT d.question, d.responses, round(d.mean, 3) AS mean, round(d.top2_share, 4) AS top2_share, d.importance,
  CASE WHEN d.importance IS NULL THEN NULL
    WHEN d.importance >= split.importance - ${EPS} THEN
      CASE WHEN d.performance >= split.performance - ${EPS} THEN 'keep_up' ELSE 'concentrate' END
    ELSE CASE WHEN d.performance >= split.performance - ${EPS} THEN 'overkill' ELSE 'low_priority' END
  END AS quadrant
FROM d CROSS JOIN split ORDER BY d.position`;
}

/** CSAT (share of 4–5) and mean of the 'overall' and 'rating' questions on a 1–5 scale. */
export function csatSql(): string {
  return `SELECT question, responses, round(top2_share, 4) AS csat, round(mean, 3) AS mean FROM (${ANSWERS})
WHERE role IN ('overall', 'rating') AND scale_min = 1 AND scale_max = 5 ORDER BY position`;
}

/** Our mean against the competitor's per 'competitor' question (`attribute` = the paired question of ours). */
export function competitorSql(): string {
  return `WITH a AS (${ANSWERS})
SELECT q.pair_of AS attribute, round(ours.mean, 3) AS ours, round(theirs.mean, 3) AS theirs,
  round(ours.mean - theirs.mean, 3) AS gap, ours.responses AS responses_ours, theirs.responses AS responses_theirs
FROM survey_questions q JOIN a theirs ON theirs.question = q.question LEFT JOIN a ours ON ours.question = q.pair_of
WHERE q.role = 'competitor' ORDER BY ours.position NULLS LAST, q.position`;
}
