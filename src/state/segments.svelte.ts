import type { Row } from '../db/db';
import { savedSettings } from '../workspace/saved-settings.svelte';
import { groupValueMeansSql } from '../analyses/segments/value-means';
import { groupValueSources } from './group-values';
import { attributeRetentionSql, attributeRowsSql, attributeSegmentsSql, crosstabSql, DEFAULT_AGE_CUTS, matchReportSql, segmentMixSql, type AttributeSources } from '../analyses/segments/attributes';
import { customerFacts } from '../model/customer-facts';
import type { QueryRequest } from '../query/query-layer';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm } from './rfm.svelte';

export interface AttributeRow extends Row {
  attribute: string;
  value: string;
  customers: number;
  customer_share: number;
  revenue: number;
  revenue_share: number | null;
  orders_per_customer: number;
  average_order_value: number | null;
  repeat_rate: number;
  period1_retention?: number | null;
  /** When the CLV view has scored this as-of date. */
  mean_clv?: number | null;
  /** When the Churn view has scored this as-of date. */
  mean_churn_probability?: number | null;
}

/** The Segments view's attribute figures: segments by attribute value, the match report, a cross-tab, RFM mixes. */
export class SegmentsState {
  cuts = $state<number[]>([...DEFAULT_AGE_CUTS]);
  attribute = $state<string | null>(null);
  crossA = $state<string | null>(null);
  crossB = $state<string | null>(null);

  readonly summary: Loader<unknown, { rows: AttributeRow[]; match: Row | null; mix: Row[] }>;
  readonly crosstab: Loader<unknown, Row[]>;

  constructor(private app: AppState) {
    savedSettings.bind('segments', this, ['cuts', 'attribute', 'crossA', 'crossB']);
    const ready = () => app.hasData && !!app.asOf && !!app.layer;
    this.summary = new Loader(
      () => (ready() ? { v: app.version, asOf: app.asOf, src: this.sources, rfm: rfm.options, values: groupValueSources(app.layer!, app.asOf).key } : null),
      async ({ asOf }, signal) => {
        const src = this.sources;
        const facts = customerFacts(asOf);
        const rfmTable = rfm.table(asOf);
        const values = groupValueSources(app.layer!, asOf);
        const valuesSql = groupValueMeansSql(`SELECT customer_id, attribute, value FROM (${attributeRowsSql(src)}) WHERE value IS NOT NULL`, ['attribute', 'value'], values.join);
        const q = (req: QueryRequest) => app.layer!.query(req, { signal });
        const [rows, retention, match, mix, means] = await Promise.all([
          q({ sql: attributeSegmentsSql(src), params: [asOf], tables: [facts] }),
          q({ sql: attributeRetentionSql(src), params: [asOf], tables: [facts] }),
          src.customers ? q({ sql: matchReportSql(), tables: [facts] }) : Promise.resolve([]),
          q({ sql: segmentMixSql(src, rfmTable.name), params: [asOf], tables: [rfmTable] }),
          valuesSql ? q({ sql: valuesSql, params: [asOf], tables: values.tables }) : Promise.resolve([]),
        ]);
        const at = (r: Row) => `${r.attribute}\u0000${r.value}`;
        const p1 = new Map(retention.map((r) => [at(r), r.period1_retention as number | null]));
        const mean = new Map(means.map((r) => [at(r), r]));
        return {
          rows: (rows as AttributeRow[]).map((r) => ({
            ...r,
            period1_retention: p1.get(at(r)) ?? null,
            ...(values.join.clv ? { mean_clv: (mean.get(at(r))?.mean_clv as number | undefined) ?? null } : {}),
            ...(values.join.churn ? { mean_churn_probability: (mean.get(at(r))?.mean_churn_probability as number | undefined) ?? null } : {}),
          })),
          match: match[0] ?? null,
          mix,
        };
      },
    );
    this.crosstab = new Loader(
      () => (ready() && this.crossA && this.crossB ? { v: app.version, asOf: app.asOf, src: this.sources, a: this.crossA, b: this.crossB } : null),
      async ({ asOf, a, b }, signal) => app.layer!.query({ sql: crosstabSql(this.sources), params: [asOf, a, b], tables: [customerFacts(asOf)] }, { signal }),
    );
  }

  /** Where the attributes come from: the customer file's columns, and the transactions' own dimensions. */
  get sources(): AttributeSources {
    const m = this.app.customerMapping;
    const dims = (['channel', 'region', 'payment'] as const).flatMap((dim) => {
      const header = this.app.files.find((f) => f.mapping[dim])?.mapping[dim];
      return header && this.app.files[0]?.name !== 'purchase_events.csv' ? [{ dim, header }] : [];
    });
    return {
      customers: this.app.hasCustomers,
      age: m?.birth_date ? { header: m.birth_date, from: 'birth_date' } : m?.age ? { header: m.age, from: 'age' } : null,
      cuts: this.cuts,
      signup: m?.signup_date ?? null,
      orderDims: dims,
    };
  }

  /**
   * The global filter dimension that keeps an attribute's value: a customer file column by its header, a
   * transaction dimension by its role (its orders with that value); null for age bands and signup years.
   */
  filterDim(attribute: string): string | null {
    const src = this.sources;
    if (attribute === src.age?.header || attribute === src.signup) return null;
    const dim = src.orderDims.find((d) => d.header === attribute);
    if (dim) return dim.dim;
    return src.customers ? attribute : null;
  }

  /** Narrows every view to the customers (or orders) with this attribute value. */
  filterTo(attribute: string, value: string): Promise<void> {
    const dim = this.filterDim(attribute);
    if (!dim) return Promise.resolve();
    const f = this.app.filters;
    return this.app.setFilters({ ...f, dims: { ...f.dims, [dim]: [value] } });
  }

  /** Sets the age bands from text such as "25, 35, 45, 55". */
  setCuts(text: string): void {
    const cuts = [...new Set(text.split(/[,，;\s]+/).map(Number).filter((n) => Number.isInteger(n) && n > 0 && n < 130))].sort((a, b) => a - b);
    if (cuts.length) this.cuts = cuts;
  }

  /** `attribute_segments.csv`: every attribute, every value. */
  download = async (): Promise<void> => {
    const asOf = this.app.asOf;
    saveCsv('attribute_segments.csv', await this.app.layer!.exportCsv({ sql: attributeSegmentsSql(this.sources), params: [asOf], tables: [customerFacts(asOf)] }));
  };
}
