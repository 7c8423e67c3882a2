import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { topAxisMax, topItemsSpec } from './behaviour-top';
import { bandLabel, priceBandsSpec } from './behaviour-price-bands';
import { heatmapRows, heatmapSpec } from './behaviour-heatmap';
import { seasonalitySpec } from './behaviour-seasonality';
import { breakdownRows, breakdownSpec } from './behaviour-breakdown';
import { pairMatrixSpec } from './behaviour-pairs';
import { timelineSpec } from './behaviour-timeline';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const scales = (spec: Parameters<typeof compile>[0]) => compile(spec).spec.scales ?? [];

describe('behaviour charts', () => {
  it('keeps the top items in SQL order on a band scale', () => {
    const s = scales(topItemsSpec({ item: 'Product', revenue: 'Revenue', customers: 'Customers', orders: 'Orders' }));
    expect(s.find((x) => x.name === 'y')?.type).toBe('band');
    expect(s.find((x) => x.name === 'x')?.type).toBe('linear');
  });

  it('cuts an "all other" bar far longer than the top items at the axis end, and writes its value there', () => {
    const rows = [{ revenue: 100 }, { revenue: 40 }, { revenue: 4000, is_rest: true }];
    expect(topAxisMax(rows)).toBeCloseTo(110, 12);
    expect(topAxisMax([{ revenue: 100 }, { revenue: 120, is_rest: true }])).toBeNull();
    expect(topAxisMax([{ revenue: 100 }])).toBeNull();
    const spec = compile(topItemsSpec({ item: 'Product', revenue: 'Revenue', customers: 'Customers', orders: 'Orders' }, 110)).spec;
    const x = spec.scales?.find((s) => s.name === 'x');
    expect(x?.domainMax).toBe(110);
    expect((x as { clamp?: boolean } | undefined)?.clamp).toBe(true);
    expect(spec.marks?.some((m) => m.type === 'text')).toBe(true);
  });

  it('labels price bands and keeps their order', () => {
    expect(bandLabel(10, 20, String)).toBe('10–20');
    expect(bandLabel(5, null, String)).toBe('≥ 5');
    const x = scales(priceBandsSpec({ band: 'Band', lines: 'Lines', revenue: 'Revenue' })).find((s) => s.name === 'x');
    expect(x?.type).toBe('band');
  });

  it('draws the weekday × hour heatmap Monday first', () => {
    expect(heatmapRows([{ weekday: 7, hour: 23, orders: 1, revenue: 2 }], WEEKDAYS)).toEqual([{ weekday: 7, hour: 23, orders: 1, revenue: 2, day: 'Sun' }]);
    const s = scales(heatmapSpec({ weekday: 'Weekday', hour: 'Hour', orders: 'Orders', revenue: 'Revenue', weekdays: WEEKDAYS }));
    expect(s.find((x) => x.name === 'y')?.domain).toEqual(WEEKDAYS);
    expect(s.find((x) => x.name === 'color')?.type).toBe('linear');
  });

  it('colours years on the seasonality chart over months of the year', () => {
    const s = scales(seasonalitySpec({ month: 'Month', revenue: 'Revenue', year: 'Year', previousYear: 'Previous year', change: 'Change' }));
    expect(s.find((x) => x.name === 'x')?.type).toBe('point');
    expect(s.find((x) => x.name === 'color')?.type).toBe('ordinal');
  });

  it('stacks new and returning customers per value', () => {
    expect(breakdownRows([{ label: 'Web', new_revenue: 5, returning_revenue: 7, new_orders: 1, returning_orders: 2 }], { new: 'New', returning: 'Returning' })).toEqual([
      { label: 'Web', who: 'New', order: 0, revenue: 5, orders: 1 },
      { label: 'Web', who: 'Returning', order: 1, revenue: 7, orders: 2 },
    ]);
    const s = scales(breakdownSpec({ value: 'Channel', revenue: 'Revenue', orders: 'Orders', customers: 'Customers', new: 'New', returning: 'Returning' }));
    expect(s.find((x) => x.name === 'color')?.domain).toEqual(['New', 'Returning']);
  });

  it('colours the pair matrix by lift on a log scale centred on 1', () => {
    const color = scales(pairMatrixSpec({ product: 'Product', withProduct: 'With', lift: 'Lift', support: 'Support', confidence: 'Confidence' })).find((x) => x.name === 'color');
    expect(color?.type).toBe('log');
    expect(color?.domainMid).toBe(1);
  });

  it('puts a customer’s orders on a time axis', () => {
    const s = scales(timelineSpec({ date: 'Date', amount: 'Amount', order: 'Order', products: 'Products' }));
    expect(s.find((x) => x.name === 'x')?.type).toBe('time');
  });
});
