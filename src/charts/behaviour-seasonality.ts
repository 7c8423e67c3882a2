import { ROWS, type ChartSpec } from './vega-types';

export interface SeasonalityLabels {
  month: string;
  revenue: string;
  year: string;
  previousYear: string;
  change: string;
}

/**
 * Revenue per month of the year, one line per year, so each month sits against the same month a year before.
 * Rows of `monthlyYoySql()`: year, month_of_year, revenue, previous_year_revenue, yoy_change.
 */
export function seasonalitySpec(labels: SeasonalityLabels): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'month_of_year', type: 'ordinal', title: labels.month, axis: { labelAngle: 0 } },
      y: { field: 'revenue', type: 'quantitative', title: labels.revenue },
      color: { field: 'year', type: 'ordinal', title: labels.year, scale: { scheme: 'tableau10' } },
      tooltip: [
        { field: 'year', type: 'ordinal', title: labels.year },
        { field: 'month_of_year', type: 'ordinal', title: labels.month },
        { field: 'revenue', type: 'quantitative', title: labels.revenue, format: ',.2f' },
        { field: 'previous_year_revenue', type: 'quantitative', title: labels.previousYear, format: ',.2f' },
        { field: 'yoy_change', type: 'quantitative', title: labels.change, format: '+.1%' },
      ],
    },
  };
}
