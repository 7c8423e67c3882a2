import { ROWS, type ChartSpec } from './vega-types';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Promoters, passives, detractors: green, grey, red. */
const GROUP_COLORS = ['#2f9e44', '#adb5bd', '#e03131'];

export interface NpsTrendLabels {
  period: string;
  nps: string;
  interval: string;
  responses: string;
}

/** NPS per period with its 95 % interval as a band. Rows of `npsByPeriodSql`. */
export function npsTrendSpec(l: NpsTrendLabels, unit: 'utcyearmonth' | 'utcyearmonthdate' | 'utcyearquarter'): ChartSpec {
  const x = { field: 'period', type: 'temporal' as const, timeUnit: unit, title: l.period };
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 220,
    layer: [
      { mark: { type: 'area', opacity: 0.2, color: '#4c78a8' }, encoding: { x, y: { field: 'nps_low', type: 'quantitative', title: l.nps, scale: { domain: [-100, 100] } }, y2: { field: 'nps_high' } } },
      {
        mark: { type: 'line', point: true, color: '#4c78a8' },
        encoding: {
          x,
          y: { field: 'nps', type: 'quantitative' },
          tooltip: [
            { ...x },
            { field: 'nps', type: 'quantitative', title: l.nps, format: '.1f' },
            { field: 'nps_low', type: 'quantitative', title: `${l.interval} −`, format: '.1f' },
            { field: 'nps_high', type: 'quantitative', title: `${l.interval} +`, format: '.1f' },
            { field: 'responses', type: 'quantitative', title: l.responses, format: ',' },
          ],
        },
      },
    ],
  };
}

export interface SharesLabels {
  period: string;
  share: string;
  group: string;
  /** Display names of promoter, passive, detractor. */
  names: [string, string, string];
}

/** Stacked shares of the three NPS groups per period. Rows of `npsSharesSql` with `name` added at render. */
export function npsSharesSpec(l: SharesLabels, unit: 'utcyearmonth' | 'utcyearmonthdate' | 'utcyearquarter'): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    height: 200,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', timeUnit: unit, title: l.period },
      y: { field: 'share', type: 'quantitative', stack: 'normalize', title: l.share, axis: { format: '.0%' } },
      color: { field: 'name', type: 'nominal', title: l.group, scale: { domain: l.names, range: GROUP_COLORS }, sort: l.names },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'period', type: 'temporal', timeUnit: unit, title: l.period },
        { field: 'name', type: 'nominal', title: l.group },
        { field: 'share', type: 'quantitative', title: l.share, format: '.1%' },
      ],
    },
  };
}

export interface GroupNpsLabels {
  group: string;
  nps: string;
  responses: string;
}

/** NPS per value of one grouping column, with its interval as a rule. Rows of `npsByGroupSql` for one column. */
export function groupNpsSpec(l: GroupNpsLabels): ChartSpec {
  const y = { field: 'group', type: 'nominal' as const, title: l.group, sort: '-x' as const };
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    layer: [
      { mark: { type: 'rule', color: '#868e96' }, encoding: { y, x: { field: 'nps_low', type: 'quantitative', title: l.nps, scale: { domain: [-100, 100] } }, x2: { field: 'nps_high' } } },
      {
        mark: { type: 'point', filled: true, size: 80, color: '#4c78a8' },
        encoding: {
          y,
          x: { field: 'nps', type: 'quantitative' },
          tooltip: [
            { field: 'group', type: 'nominal', title: l.group },
            { field: 'nps', type: 'quantitative', title: l.nps, format: '.1f' },
            { field: 'responses', type: 'quantitative', title: l.responses, format: ',' },
          ],
        },
      },
    ],
  };
}

export interface IpaLabels {
  performance: string;
  importance: string;
  question: string;
  quadrant: string;
  mean: string;
}

/**
 * The importance–performance matrix: performance (the mean rescaled to 0–1) across, importance up, the averages as
 * the quadrant lines. Rows of `driversSql` with `performance` and `quadrant_name` added at render.
 */
export function ipaSpec(l: IpaLabels, avg: { performance: number; importance: number }): ChartSpec {
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 300,
    layer: [
      {
        data: { name: ROWS },
        transform: [{ filter: 'isValid(datum.importance)' }],
        layer: [
          {
            mark: { type: 'point', filled: true, size: 90 },
            encoding: {
              x: { field: 'performance', type: 'quantitative', title: l.performance, scale: { zero: false } },
              y: { field: 'importance', type: 'quantitative', title: l.importance, scale: { zero: false } },
              color: { field: 'quadrant_name', type: 'nominal', title: l.quadrant },
              tooltip: [
                { field: 'question', type: 'nominal', title: l.question },
                { field: 'mean', type: 'quantitative', title: l.mean, format: '.2f' },
                { field: 'importance', type: 'quantitative', title: l.importance, format: '.2f' },
                { field: 'quadrant_name', type: 'nominal', title: l.quadrant },
              ],
            },
          },
          { mark: { type: 'text', dy: -10, fontSize: 11 }, encoding: { x: { field: 'performance', type: 'quantitative' }, y: { field: 'importance', type: 'quantitative' }, text: { field: 'question' } } },
        ],
      },
      { data: { values: [avg] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#868e96' }, encoding: { x: { field: 'performance', type: 'quantitative' } } },
      { data: { values: [avg] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#868e96' }, encoding: { y: { field: 'importance', type: 'quantitative' } } },
    ],
  } as ChartSpec;
}

export interface CompetitorLabels {
  attribute: string;
  mean: string;
  who: string;
}

/** Our mean and the competitor's per attribute, side by side. Long rows: attribute, who (display name), mean. */
export function competitorSpec(l: CompetitorLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'attribute', type: 'nominal', title: l.attribute },
      yOffset: { field: 'who', type: 'nominal' },
      x: { field: 'mean', type: 'quantitative', title: l.mean },
      color: { field: 'who', type: 'nominal', title: l.who, scale: { range: ['#4c78a8', '#f58518'] } },
      tooltip: [
        { field: 'attribute', type: 'nominal', title: l.attribute },
        { field: 'who', type: 'nominal', title: l.who },
        { field: 'mean', type: 'quantitative', title: l.mean, format: '.2f' },
      ],
    },
  };
}

export interface DistributionLabels {
  question: string;
  score: string;
  share: string;
}

/** Each question's answers by score as stacked shares. Rows of `ratingDistributionSql`. */
export function ratingDistributionSpec(l: DistributionLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'question', type: 'nominal', title: l.question, sort: null },
      x: { field: 'share', type: 'quantitative', stack: 'normalize', title: l.share, axis: { format: '.0%' } },
      color: { field: 'score', type: 'ordinal', title: l.score, scale: { scheme: 'redyellowgreen' } },
      order: { field: 'score', type: 'quantitative' },
      tooltip: [
        { field: 'question', type: 'nominal', title: l.question },
        { field: 'score', type: 'ordinal', title: l.score },
        { field: 'share', type: 'quantitative', title: l.share, format: '.1%' },
      ],
    },
  };
}

export interface TermsLabels {
  term: string;
  count: string;
}

/** The top terms of one group as bars. Rows of `TermCounter.result` for one group. */
export function termsSpec(l: TermsLabels): ChartSpec {
  return {
    $schema: SCHEMA,
    data: { name: ROWS },
    width: 'container',
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      y: { field: 'term', type: 'nominal', title: l.term, sort: '-x' },
      x: { field: 'count', type: 'quantitative', title: l.count },
      tooltip: [
        { field: 'term', type: 'nominal', title: l.term },
        { field: 'count', type: 'quantitative', title: l.count, format: ',' },
        { field: 'share_of_comments', type: 'quantitative', format: '.1%' },
      ],
    },
  };
}
