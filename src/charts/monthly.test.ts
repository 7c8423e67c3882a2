import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { monthlySpec } from './monthly';

describe('monthlySpec', () => {
  const spec = monthlySpec({ month: 'Month', revenue: 'Revenue', activeCustomers: 'Active customers' });

  it('compiles to Vega with a UTC time x scale and two independent y scales', () => {
    const vg = compile(spec).spec;
    const scales = (vg.scales ?? []).map((s) => ({ name: s.name, type: s.type }));
    expect(scales.find((s) => s.name === 'x')?.type).toBe('utc');
    expect(scales.filter((s) => s.name.endsWith('_y')).length).toBe(2);
  });

  it('reads the named dataset the chart component fills', () => {
    const vg = compile(spec).spec;
    expect((vg.data ?? []).some((d) => d.name === 'rows')).toBe(true);
  });
});
