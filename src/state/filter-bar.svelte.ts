import type { Row } from '../db/db';
import {
  contextFromRow, dimKind, filterDimensionsSql, filterValuesSql, hasFilters, LINE_FILTER_DIMS, ORDER_FILTER_DIMS, SEGMENT_DIM,
  type DimKind, type FilterContext, type Filters,
} from '../model/filters';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm, segmentLabel } from './rfm.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';

export interface FilterChoice {
  value: string;
  label: string;
}

/** The filter bar: which dimensions the data offers, the values of the one being chosen, the chips of the filters set. */
export class FilterBarState {
  dimension = $state('');
  value = $state('');
  readonly context: Loader<unknown, FilterContext>;
  readonly values: Loader<unknown, FilterChoice[]>;

  constructor(private app: AppState) {
    this.context = new Loader(
      () => (app.hasData && app.layer ? { v: app.version, attrs: app.customerFiles.length > 0 } : null),
      async ({ attrs }, signal) => {
        const [row] = await app.layer!.query<Row>({ sql: filterDimensionsSql(attrs as boolean) }, { signal });
        return contextFromRow(row);
      },
    );
    this.values = new Loader(
      () => (this.dimension && this.context.value ? { v: app.version, dim: this.dimension, lang: i18n.lang, seg: this.dimension === SEGMENT_DIM ? rfm.segments : null } : null),
      async ({ dim }, signal) => {
        const d = dim as string;
        const kind = dimKind(d, this.context.value!);
        if (kind === 'segment') return rfm.segments.map((s) => ({ value: s.key, label: segmentLabel(s) }));
        if (kind === 'unknown') return [];
        const rows = await app.layer!.query<{ value: string }>({ sql: filterValuesSql(kind, d), params: kind === 'attribute' ? [d] : [] }, { signal });
        return rows.map((r) => ({ value: r.value, label: r.value }));
      },
    );
  }

  /** The dimensions offered: the data's order and line dimensions, the RFM segment, the customer attributes. */
  get dimensions(): FilterChoice[] {
    const ctx = this.context.value;
    if (!ctx) return [];
    return [...ctx.orderDims, ...ctx.lineDims, SEGMENT_DIM, ...ctx.attributes.filter((a) => a !== SEGMENT_DIM)].map((d) => ({ value: d, label: this.dimensionLabel(d) }));
  }

  dimensionLabel(dim: string): string {
    const role = [...ORDER_FILTER_DIMS, ...LINE_FILTER_DIMS, SEGMENT_DIM].includes(dim) && this.kind(dim) !== 'attribute';
    return role ? i18n.t(`filter.dim.${dim}` as MessageKey) : dim;
  }

  kind(dim: string): DimKind {
    return this.context.value ? dimKind(dim, this.context.value) : 'unknown';
  }

  /** A value as shown: a segment by its name in the UI language, anything else as written. */
  valueLabel(dim: string, value: string): string {
    if (dim !== SEGMENT_DIM) return value;
    const s = rfm.segments.find((x) => x.key === value);
    return s ? segmentLabel(s) : value;
  }

  get filters(): Filters {
    return this.app.filters;
  }

  get active(): boolean {
    return hasFilters(this.app.filters);
  }

  /** The chips: one per dimension value, the date range as one. */
  get chips(): { dim: string; value: string; dimLabel: string; valueLabel: string; waiting: boolean }[] {
    return Object.entries(this.app.filters.dims).flatMap(([dim, values]) =>
      values.map((value) => ({ dim, value, dimLabel: this.dimensionLabel(dim), valueLabel: this.valueLabel(dim, value), waiting: this.kind(dim) === 'unknown' })),
    );
  }

  add(): Promise<void> {
    const dim = this.dimension;
    const value = this.value;
    if (!dim || !value) return Promise.resolve();
    const f = this.app.filters;
    this.value = '';
    return this.app.setFilters({ ...f, dims: { ...f.dims, [dim]: [...(f.dims[dim] ?? []), value] } });
  }

  remove(dim: string, value: string): Promise<void> {
    const f = this.app.filters;
    return this.app.setFilters({ ...f, dims: { ...f.dims, [dim]: (f.dims[dim] ?? []).filter((v) => v !== value) } });
  }

  setDates(from: string, to: string): Promise<void> {
    return this.app.setFilters({ ...this.app.filters, from, to });
  }

  clear(): Promise<void> {
    return this.app.setFilters({ from: '', to: '', dims: {} });
  }
}

/** The filters in words, for the report's settings: `Region: East, West; Dates 2024-01-01 – …`; empty when none. */
export function describeFilters(f: Filters): string {
  const roles = [...ORDER_FILTER_DIMS, ...LINE_FILTER_DIMS, SEGMENT_DIM];
  const value = (dim: string, v: string) => {
    if (dim !== SEGMENT_DIM) return v;
    const s = rfm.segments.find((x) => x.key === v);
    return s ? segmentLabel(s) : v;
  };
  const parts = Object.entries(f.dims).map(
    ([dim, values]) => `${roles.includes(dim) ? i18n.t(`filter.dim.${dim}` as MessageKey) : dim}: ${values.map((v) => value(dim, v)).join(', ')}`,
  );
  if (f.from || f.to) parts.push(i18n.t('filter.dates', { from: f.from || i18n.t('filter.open'), to: f.to || i18n.t('filter.open') }));
  return parts.join('; ');
}
