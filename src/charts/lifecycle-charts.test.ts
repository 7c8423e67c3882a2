import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { flowRows, flowSpec, STAGE_COLORS } from './lifecycle-flow';
import { churnRateSpec } from './lifecycle-churn-rate';
import { survivalCurveRows, survivalSpec } from './lifecycle-survival';
import { distributionSpec } from './lifecycle-distribution';

const stages = { new: 'New', active: 'Active', reactivated: 'Reactivated', at_risk: 'At risk', churned: 'Churned' };
const scale = (spec: ReturnType<typeof flowSpec>, name: string) =>
  (compile(spec).spec.scales ?? []).find((s) => s.name === name) as { domain?: unknown; range?: unknown } | undefined;

describe('lifecycle charts', () => {
  it('stacks the stages in their order with their colours, churned only on request', () => {
    const color = scale(flowSpec({ month: 'Month', customers: 'Customers', stage: 'Stage', stages }, false), 'color');
    expect(color?.domain).toEqual(['New', 'Active', 'Reactivated', 'At risk']);
    expect(color?.range).toEqual([STAGE_COLORS.new, STAGE_COLORS.active, STAGE_COLORS.reactivated, STAGE_COLORS.at_risk]);
    const withChurned = scale(flowSpec({ month: 'Month', customers: 'Customers', stage: 'Stage', stages }, true), 'color');
    expect(withChurned?.domain).toEqual(['New', 'Active', 'Reactivated', 'At risk', 'Churned']);
    const rows = flowRows([{ month: '2024-01-01', new: 3, active: 0, reactivated: 0, at_risk: 1, churned: 5 }], stages, false);
    expect(rows).toEqual([
      { month: '2024-01-01', stage: 'new', label: 'New', order: 0, customers: 3 },
      { month: '2024-01-01', stage: 'active', label: 'Active', order: 1, customers: 0 },
      { month: '2024-01-01', stage: 'reactivated', label: 'Reactivated', order: 2, customers: 0 },
      { month: '2024-01-01', stage: 'at_risk', label: 'At risk', order: 3, customers: 1 },
    ]);
  });

  it('draws the churn rate on a UTC time axis', () => {
    const vg = compile(churnRateSpec({ month: 'Month', churnRate: 'Churn rate', base: 'Base', churned: 'Churned' })).spec;
    expect(vg.scales?.find((s) => s.name === 'x')?.type).toBe('utc');
  });

  it('starts every survival curve at 100 % on day 0, skips flat censoring-only days and fixes the y scale to [0, 1]', () => {
    const rows = survivalCurveRows(
      [
        { grp: 'A', days: 0, at_risk: 5, events: 1, censored: 1, survival: 0.8 },
        { grp: 'A', days: 30, at_risk: 3, events: 0, censored: 1, survival: 0.8 },
        { grp: 'A', days: 60, at_risk: 2, events: 1, censored: 0, survival: 0.4 },
        { grp: null, days: 3, at_risk: 1, events: 0, censored: 1, survival: 1 },
      ],
      (g) => g ?? 'Unknown',
    );
    expect(rows).toEqual([
      { group: 'A', days: 0, survival: 1, at_risk: 5, seq: 0 },
      { group: 'A', days: 0, survival: 0.8, at_risk: 5, seq: 1 },
      { group: 'A', days: 60, survival: 0.4, at_risk: 2, seq: 5 },
      { group: 'Unknown', days: 0, survival: 1, at_risk: 1, seq: 6 },
      { group: 'Unknown', days: 3, survival: 1, at_risk: 1, seq: 7 },
    ]);
    const vg = compile(survivalSpec({ days: 'Days', survival: 'Survival', group: 'Group', atRisk: 'At risk' })).spec;
    expect(vg.scales?.find((s) => s.name === 'y')?.domain).toEqual([0, 1]);
    expect(JSON.stringify(vg.marks)).toContain('step-after');
  });

  it('bins day distributions and draws the marker, one bar per value otherwise', () => {
    const binned = compile(distributionSpec({ x: 'days', count: 'gaps', xTitle: 'Days', countTitle: 'Gaps', bin: true, marker: { value: 90, label: 'Window' } })).spec;
    expect(JSON.stringify(binned.data)).toContain('"type":"bin"');
    expect(JSON.stringify(binned.marks)).toContain('"type":"rule"');
    const ordinal = compile(distributionSpec({ x: 'orders', count: 'customers', xTitle: 'Orders', countTitle: 'Customers', bin: false })).spec;
    expect(ordinal.scales?.find((s) => s.name === 'x')?.type).toBe('band');
  });
});
