import type { Row } from '../db/db';
import { personasSql, segmentGroups, clusterGroups } from '../analyses/segments/personas';
import { attributeRowsSql, type AttributeSources } from '../analyses/segments/attributes';
import { literal } from '../db/sql';
import { customerFacts } from '../model/customer-facts';
import type { TableSpec } from '../query/query-layer';
import { saveBytes } from '../export/download';
import { rowsToCsv } from '../export/rows-csv';
import { esc } from '../report/html';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm, segmentLabel, segmentText } from './rfm.svelte';
import { groupValueMeansSql } from '../analyses/segments/value-means';
import { groupValueSources } from './group-values';
import { roundOrNull } from '../export/round';
import { savedSettings } from '../workspace/saved-settings.svelte';

/** What the persona cards are of: RFM segments, the k-means clusters, or the values of one attribute. */
export type PersonaBasis = 'segments' | 'clusters' | `attribute:${string}`;

export interface Persona {
  group: string;
  name: string;
  action: string;
  row: Row;
}

/** Persona cards from the data: one per segment, cluster or attribute value, in the UI language. */
export class PersonasState {
  basis = $state<PersonaBasis>('segments');
  readonly data: Loader<unknown, Row[]>;

  constructor(
    private app: AppState,
    private sources: () => AttributeSources,
    private clusters: () => { table: TableSpec; name: (cluster: number) => string; code: (cluster: number) => { value: string; recency: string } | undefined } | null,
  ) {
    savedSettings.bind('personas', this, ['basis']);
    this.data = new Loader(
      () => (app.hasData && app.asOf && app.layer
        ? { v: app.version, asOf: app.asOf, basis: this.basis, rfm: rfm.options, src: sources(), cl: clusters()?.table.key ?? null, values: groupValueSources(app.layer, app.asOf).key }
        : null),
      async ({ asOf, basis }, signal) => {
        const tables: TableSpec[] = [customerFacts(asOf)];
        let groups: string;
        if (basis === 'segments') {
          const t = rfm.table(asOf);
          tables.push(t);
          groups = segmentGroups(t.name);
        } else if (basis === 'clusters') {
          const c = clusters();
          if (!c) return [];
          tables.push(c.table);
          groups = clusterGroups();
        } else {
          groups = `SELECT customer_id, value AS grp FROM (${attributeRowsSql(sources())}) WHERE attribute = ${literal(basis.slice('attribute:'.length))} AND value IS NOT NULL`;
        }
        const values = groupValueSources(app.layer!, asOf);
        const valuesSql = groupValueMeansSql(groups, ['grp'], values.join);
        const [rows, means] = await Promise.all([
          app.layer!.query({ sql: personasSql(groups, app.hasCustomers), params: [asOf], tables }, { signal }),
          // Only an attribute's groups read the as-of date.
          valuesSql ? app.layer!.query({ sql: valuesSql, params: basis.startsWith('attribute:') ? [asOf] : [], tables: [...tables, ...values.tables] }, { signal }) : Promise.resolve([]),
        ]);
        const mean = new Map(means.map((m) => [String(m.grp), m]));
        return rows.map((r) => ({ ...r, mean_clv: mean.get(String(r.group))?.mean_clv ?? null, mean_churn_probability: mean.get(String(r.group))?.mean_churn_probability ?? null }));
      },
    );
  }

  /** The cards: each group's name and suggested action in the UI language. */
  get personas(): Persona[] {
    const rows = this.data.value ?? [];
    const all = rows.reduce((n, r) => n + Number(r.customers), 0);
    const medianRecency = rows.length ? rows.map((r) => Number(r.median_recency_days)).sort((a, b) => a - b)[Math.floor(rows.length / 2)]! : 0;
    return rows.map((row) => {
      const group = String(row.group);
      if (this.basis === 'segments') {
        const seg = rfm.segments.find((s) => s.key === group);
        return { group, row, name: seg ? segmentLabel(seg) : group, action: seg ? segmentText(seg, undefined).action : '–' };
      }
      if (this.basis === 'clusters') {
        const c = this.clusters();
        const code = c?.code(Number(group));
        return { group, row, name: c?.name(Number(group)) ?? group, action: code ? i18n.t(`persona.action.${code.recency === 'lapsed' ? 'winback' : code.value === 'high' ? 'retain' : 'nurture'}` as MessageKey) : '–' };
      }
      const lapsed = Number(row.median_recency_days) > medianRecency * 1.5;
      const valuable = Number(row.revenue_share) > Number(row.customers) / (all || 1);
      return { group, row, name: group, action: i18n.t(`persona.action.${lapsed ? 'winback' : valuable ? 'retain' : 'nurture'}` as MessageKey) };
    });
  }

  private exportRows(): object[] {
    const t = i18n.t;
    return this.personas.map((p) => ({
      group_by: this.basis, group: p.group, name: p.name, customers: p.row.customers, customer_share: p.row.customer_share, revenue_share: p.row.revenue_share,
      median_recency_days: p.row.median_recency_days, median_frequency: p.row.median_frequency, median_monetary: p.row.median_monetary,
      average_order_value: p.row.average_order_value, top_category: p.row.top_category, top_product: p.row.top_product, channel: p.row.channel,
      payment: p.row.payment, weekday: p.row.weekday ? t('behaviour.when.weekdays').split(',')[Number(p.row.weekday) - 1] : null, hour: p.row.hour,
      month: p.row.month, gender: p.row.gender, region: p.row.region,
      mean_clv: roundOrNull(p.row.mean_clv, 2), mean_churn_probability: roundOrNull(p.row.mean_churn_probability, 4), action: p.action,
    }));
  }

  /** `personas.csv`: one row per card, its fields as columns. */
  download = async (): Promise<void> => {
    saveBytes('personas.csv', [new Uint8Array([0xef, 0xbb, 0xbf]), rowsToCsv(this.exportRows())], 'text/csv;charset=utf-8');
  };

  /** `personas.html`: the cards as a printable page (self-contained, no script). */
  downloadPage = async (): Promise<void> => {
    const t = i18n.t;
    const cards = this.exportRows().map((r) => {
      const row = r as Record<string, unknown>;
      const fields = Object.entries(row).filter(([k]) => !['group_by', 'group', 'name', 'action'].includes(k) && row[k] !== null && row[k] !== undefined);
      return `<article><h2>${esc(row.name)}</h2><dl>${fields.map(([k, v]) => `<dt>${esc(t(`persona.field.${k}` as MessageKey))}</dt><dd>${esc(typeof v === 'number' && /share|probability/.test(k) ? i18n.pct(v) : v)}</dd>`).join('')}</dl><p class="action">${esc(row.action)}</p></article>`;
    });
    const html = `<!doctype html><html lang="${i18n.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(t('persona.title'))}</title>
<style>body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;margin:1.5rem;color:#1f2933}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}article{border:1px solid #cbd2d9;border-radius:8px;padding:0.8rem;break-inside:avoid}h2{font-size:1.1rem;margin:0 0 0.5rem}dl{display:grid;grid-template-columns:auto 1fr;gap:0.15rem 0.6rem;font-size:0.85rem;margin:0}dt{color:#52606d}dd{margin:0}.action{color:#1d4ed8;font-size:0.9rem}</style></head>
<body><h1>${esc(t('persona.title'))}</h1><p>${esc(t('persona.asOf', { asOf: this.app.asOf }))}</p><main>${cards.join('')}</main></body></html>`;
    saveBytes('personas.html', [html], 'text/html;charset=utf-8');
  };
}
