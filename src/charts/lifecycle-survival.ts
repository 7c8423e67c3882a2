import { ROWS, type ChartSpec } from './vega-types';

/** A row of `survivalSql()`. */
export interface SurvivalRow {
  grp: string | null;
  days: number;
  at_risk: number;
  events: number;
  censored: number;
  survival: number;
}

/**
 * Curve points per group with its label, starting at (0 days, 100 %) so a drop at day 0 shows; `seq` keeps
 * the two points at day 0 in order. Days with censorings only leave the curve flat: only a group's last one is
 * kept, to end the line (fewer marks to draw on big data).
 */
export function survivalCurveRows(rows: readonly SurvivalRow[], labelOf: (grp: string | null) => string): object[] {
  const out: object[] = [];
  rows.forEach((r, i) => {
    if (i === 0 || rows[i - 1].grp !== r.grp) out.push({ group: labelOf(r.grp), days: 0, survival: 1, at_risk: r.at_risk, seq: 2 * i });
    const lastOfGroup = i === rows.length - 1 || rows[i + 1].grp !== r.grp;
    if (r.events > 0 || lastOfGroup) out.push({ group: labelOf(r.grp), days: r.days, survival: r.survival, at_risk: r.at_risk, seq: 2 * i + 1 });
  });
  return out;
}

export interface SurvivalLabels {
  days: string;
  survival: string;
  group: string;
  atRisk: string;
}

/** Kaplan–Meier survival curves as step lines, one colour per group. Rows from `survivalCurveRows`. */
export function survivalSpec(labels: SurvivalLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 280,
    layer: [
      {
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'days', type: 'quantitative', title: labels.days },
          y: { field: 'survival', type: 'quantitative', title: labels.survival, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'group', type: 'nominal', title: labels.group },
          order: { field: 'seq', type: 'quantitative' },
        },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 4], color: '#7b8794' },
        encoding: { y: { datum: 0.5, type: 'quantitative' } },
      },
      {
        mark: { type: 'point', opacity: 0, size: 60 },
        encoding: {
          x: { field: 'days', type: 'quantitative' },
          y: { field: 'survival', type: 'quantitative' },
          tooltip: [
            { field: 'group', type: 'nominal', title: labels.group },
            { field: 'days', type: 'quantitative', title: labels.days },
            { field: 'survival', type: 'quantitative', title: labels.survival, format: '.1%' },
            { field: 'at_risk', type: 'quantitative', title: labels.atRisk, format: ',' },
          ],
        },
      },
    ],
  };
}
