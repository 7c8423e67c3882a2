import { describe, expect, it } from 'vitest';
import { findings, revenueShareOfTop } from './findings';
import type { ReportData } from './gather';

const base: ReportData = { asOf: '2024-06-30', files: [], metrics: {}, monthly: [] };
const segment = (name: string, customers: number, customer_share: number, revenue: number, revenue_share: number) => ({
  segment_key: name.toLowerCase(), segment_order: 0, name, customers, customer_share, revenue, revenue_share,
  average_order_value: null, median_recency_days: null, median_frequency: null, median_monetary: null,
});

describe('report findings', () => {
  it('reads the share of revenue of the top customers off the Pareto curve', () => {
    // 10 customers: the first 20 % bring 60 % (points at 0.1 → 0.4 and 0.3 → 0.7: at 0.2 halfway, 0.55).
    const curve = [{ customer_share: 0, revenue_share: 0 }, { customer_share: 0.1, revenue_share: 0.4 }, { customer_share: 0.3, revenue_share: 0.7 }, { customer_share: 1, revenue_share: 1 }];
    expect(revenueShareOfTop(curve, 0.2)).toBeCloseTo(0.55, 12);
    expect(revenueShareOfTop(curve, 0.1)).toBeCloseTo(0.4, 12);
    expect(revenueShareOfTop([{ customer_share: 0, revenue_share: 0 }], 0.2)).toBeNull();
  });

  it('names the largest segment by customers and the one bringing most revenue', () => {
    const data: ReportData = { ...base, rfm: { segments: [segment('Champions', 10, 0.1, 500, 0.5), segment('Hibernating', 60, 0.6, 100, 0.1), segment('At Risk', 0, 0, 0, 0)], pareto: [] } };
    expect(findings(data)).toEqual([{ key: 'largestSegment', values: { segment: 'Hibernating', customers: 60, share: 0.6, revenueSegment: 'Champions', revenueShare: 0.5 } }]);
  });

  it('counts the revenue at risk, and says nothing without at-risk customers', () => {
    const stages = (n: number) => [{ stage: 'new', customers: 5, customer_share: 0.5, revenue: 50, revenue_share: 0.25 }, { stage: 'at_risk', customers: n, customer_share: n / 10, revenue: n * 30, revenue_share: 0.75 }];
    expect(findings({ ...base, lifecycle: { window: 45, stages: stages(5) } })).toEqual([
      { key: 'atRisk', values: { customers: 5, share: 0.5, revenue: 150, revenueShare: 0.75, window: 45 } },
    ]);
    expect(findings({ ...base, lifecycle: { window: 45, stages: stages(0) } })).toEqual([]);
  });

  it('compares period-1 retention of the three latest complete cohorts with the three before', () => {
    const row = (cohort: string, cohort_size: number, customers: number, partial = false) => ({ cohort, cohort_size, customers, partial });
    // Before: 2 + 3 + 1 of 10 each = 0.2; recent: 4 + 4 + 1 of 10 each = 0.3; the running cohort is left out.
    const periodOne = [row('2024-01', 10, 2), row('2024-02', 10, 3), row('2024-03', 10, 1), row('2024-04', 10, 4), row('2024-05', 10, 4), row('2024-06', 10, 1), row('2024-07', 10, 0, true)];
    const [f] = findings({ ...base, cohorts: { curve: [], periodOne } });
    expect(f!.key).toBe('retentionUp');
    expect(f!.values.from).toBeCloseTo(0.2, 12);
    expect(f!.values.to).toBeCloseTo(0.3, 12);
    expect([f!.values.first, f!.values.last]).toEqual(['2024-04', '2024-06']);
    expect(findings({ ...base, cohorts: { curve: [], periodOne: periodOne.slice(0, 5) } })).toEqual([]);
    const down = periodOne.map((r) => ({ ...r, customers: r.cohort >= '2024-04' ? 1 : 3 }));
    expect(findings({ ...base, cohorts: { curve: [], periodOne: down } })[0]!.key).toBe('retentionDown');
  });

  it('states the NPS, the driver to concentrate on and the funnel step losing most', () => {
    const overall = { responses: 200, promoters: 80, passives: 60, detractors: 60, nps: 10, nps_low: -1.5, nps_high: 21.5 };
    const drivers = [
      { question: 'price', importance: 0.3, quadrant: 'concentrate' },
      { question: 'delivery', importance: 0.7, quadrant: 'concentrate' },
      { question: 'quality', importance: 0.8, quadrant: 'keep_up' },
    ];
    // view → cart keeps 40 %, cart → purchase 25 %: the second step loses most; 10 % of starters buy.
    const funnel = [
      { step: 1, event: 'view', users: 100, conversion_from_previous: 1, conversion_from_first: 1 },
      { step: 2, event: 'cart|favourite', users: 40, conversion_from_previous: 0.4, conversion_from_first: 0.4 },
      { step: 3, event: 'purchase', users: 10, conversion_from_previous: 0.25, conversion_from_first: 0.1 },
    ];
    expect(findings({ ...base, satisfaction: { overall, months: [], drivers }, events: { funnel, lastDay: null } })).toEqual([
      { key: 'nps', values: { nps: 10, low: -1.5, high: 21.5, responses: 200, detractorShare: 0.3 } },
      { key: 'driver', values: { question: 'delivery', importance: '0.70' } },
      { key: 'funnelDrop', values: { from: 'cart|favourite', to: 'purchase', stepShare: 0.25, firstShare: 0.1 } },
    ]);
    expect(findings({ ...base, satisfaction: { overall: { ...overall, responses: 0, nps: null }, months: [], drivers: [] } })).toEqual([]);
  });
});
