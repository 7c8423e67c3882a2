/** Titles of a histogram of customers over pre-binned values. */
export interface HistogramLabels {
  value: string;
  customers: string;
  from: string;
  to: string;
}

/**
 * Encoding of customers per bin, for rows `bin_start`, `bin_end`, `customers` binned in SQL: the bars span their
 * bins, and the tooltip gives the bin's bounds (`tipFormat`) and count.
 */
export function histogramEncoding(labels: HistogramLabels, axisFormat: string, tipFormat: string) {
  return {
    x: { field: 'bin_start', type: 'quantitative' as const, title: labels.value, bin: { binned: true }, axis: { format: axisFormat } },
    x2: { field: 'bin_end' },
    y: { field: 'customers', type: 'quantitative' as const, title: labels.customers },
    tooltip: [
      { field: 'bin_start', type: 'quantitative' as const, title: labels.from, format: tipFormat },
      { field: 'bin_end', type: 'quantitative' as const, title: labels.to, format: tipFormat },
      { field: 'customers', type: 'quantitative' as const, title: labels.customers, format: ',' },
    ],
  };
}
