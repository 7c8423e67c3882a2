import type { Row } from '../db/db';
import { cockpitSql, kpiCustomersSql, kpisExportSql, type Kpi, type PeriodPair } from '../analyses/cockpit/kpis-sql';
import { cockpitPeriods, customPeriod, periodChoices, previousOf, type CockpitPeriods, type Grain, type Period } from '../analyses/cockpit/periods';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { PURCHASE_DAYS, purchaseDays, purchaseDaysSql } from '../model/purchase-days';
import { customerFacts } from '../model/customer-facts';
import type { TableSpec } from '../query/query-layer';
import { churnWindow, lifecycle } from './lifecycle.svelte';

/** The cockpit's settings, kept across tabs: the grain, the period picked (its label; empty = the default), a custom range. */
export class CockpitSettings {
  grain = $state<Grain>('month');
  period = $state('');
  from = $state('');
  to = $state('');
  /** The KPI whose customers are listed. */
  kpi = $state<Kpi | null>(null);
}

export const cockpitSettings = new CockpitSettings();

export type KpiRow = Row & Record<Kpi | 'retention_rate' | 'churn_rate' | 'historical_clv', number | null> & { i: number; label: string; start: string; end: string };

export interface CockpitResult {
  window: number;
  periods: CockpitPeriods;
  current: KpiRow;
  previous: KpiRow;
  yearAgo: KpiRow;
  trend: KpiRow[];
}

/** The Overview's cockpit: the KPIs of a period against the one before and a year before, their trends, the customers behind one. */
export class CockpitState {
  readonly settings = cockpitSettings;
  readonly result: Loader<unknown, CockpitResult | null>;

  constructor(private app: AppState) {
    this.result = new Loader(
      () => {
        const current = this.current;
        return app.hasData && app.asOf && current
          ? { v: app.version, asOf: app.asOf, grain: this.settings.grain, current, window: lifecycle.windowDays }
          : null;
      },
      async ({ asOf, grain, current, window: chosen }, signal) => {
        const layer = app.layer!;
        const g = grain as Grain;
        const w = await churnWindow(layer, asOf as string, chosen as number | null, signal);
        const periods = cockpitPeriods(g, current as Period);
        const params = [asOf, w.window];
        const pair = (p: Period) => ({ period: p, previous: previousOf(g, p) });
        // The comparisons with every KPI; the trend lines with the cheap ones (the others cost most per period).
        const [main, trend] = await Promise.all([
          layer.query<KpiRow>({ sql: cockpitSql([periods.current, periods.previous, periods.yearAgo].map(pair)), params, tables: [customerFacts(asOf as string), purchaseDays()] }, { signal }),
          periods.trend.length > 1 ? layer.query<KpiRow>({ sql: cockpitSql(periods.trend.map(pair), false), params: [asOf], tables: [customerFacts(asOf as string)] }, { signal }) : Promise.resolve(null),
        ]);
        return {
          window: w.window,
          periods,
          current: main[0]!,
          previous: main[1]!,
          yearAgo: main[2]!,
          trend: trend ?? [main[0]!],
        };
      },
    );
  }

  /** The periods the picker offers for the grain (newest first). */
  get choices(): Period[] {
    const g = this.settings.grain;
    if (g === 'custom' || !this.app.firstDate || !this.app.asOf) return [];
    return periodChoices(g, this.app.firstDate, this.app.asOf);
  }

  /** The period shown: the one picked, else the last whole one (the open one when there is none yet); a valid custom range. */
  get current(): Period | null {
    const s = this.settings;
    if (s.grain === 'custom') return /^\d{4}-\d{2}-\d{2}$/.test(s.from) && /^\d{4}-\d{2}-\d{2}$/.test(s.to) && s.from <= s.to ? customPeriod(s.from, s.to) : null;
    const choices = this.choices;
    const open = choices[0] && choices[0].end > this.app.asOf ? choices[0] : null;
    return choices.find((p) => p.label === s.period) ?? (open ? (choices[1] ?? open) : (choices[0] ?? null));
  }

  setGrain(grain: Grain): void {
    this.settings.grain = grain;
    this.settings.period = '';
    if (grain === 'custom' && !this.settings.from) {
      const p = this.current ?? this.choices[0];
      const last = this.app.asOf;
      this.settings.from = p?.start ?? last;
      this.settings.to = p?.end ?? last;
    }
  }

  /** What the customers list shows: the KPI's customers in the current period. */
  customersSource(kpi: Kpi): { source: string; params: unknown[]; tables: TableSpec[] } | null {
    const r = this.result.value;
    if (!r) return null;
    return { source: kpiCustomersSql(kpi, this.pair(r.periods.current)), params: [this.app.asOf, r.window], tables: [customerFacts(this.app.asOf), purchaseDays()] };
  }

  /**
   * The statements behind the cockpit's figures, for "Show SQL" (`$1` = as-of date, `$2` = churn window), besides
   * `customer_facts`, which the Overview lists for its own figures.
   */
  queries(titles: { trend: string; customers: string }): { title: string; sql: string }[] {
    const r = this.result.value;
    if (!r) return [];
    const kpi = this.settings.kpi;
    return [
      { title: titles.trend, sql: cockpitSql(r.periods.trend.map((p) => this.pair(p)), false) },
      { title: PURCHASE_DAYS, sql: purchaseDaysSql() },
      { title: 'kpis.csv', sql: kpisExportSql(this.pair(r.periods.current), this.pair(r.periods.previous), this.pair(r.periods.yearAgo)) },
      ...(kpi ? [{ title: titles.customers, sql: `SELECT * FROM ${kpiCustomersSql(kpi, this.pair(r.periods.current))}` }] : []),
    ];
  }

  /** A period with the one before it. */
  pair(p: Period): PeriodPair {
    return { period: p, previous: previousOf(this.settings.grain, p) };
  }

  /** `kpis.csv`. */
  download = async (): Promise<void> => {
    const r = this.result.value;
    if (!r) return;
    const { current, previous, yearAgo } = r.periods;
    const sql = kpisExportSql(this.pair(current), this.pair(previous), this.pair(yearAgo));
    saveCsv('kpis.csv', await this.app.layer!.exportCsv({ sql, params: [this.app.asOf, r.window], tables: [customerFacts(this.app.asOf), purchaseDays()] }));
  };

  /** `kpi_customers_<kpi>.csv`: every customer behind the KPI chosen. */
  downloadCustomers = async (): Promise<void> => {
    const kpi = this.settings.kpi;
    const src = kpi ? this.customersSource(kpi) : null;
    if (!kpi || !src) return;
    saveCsv(`kpi_customers_${kpi}.csv`, await this.app.layer!.exportCsv({ sql: `SELECT * FROM ${src.source} ORDER BY revenue DESC, customer_id`, params: src.params, tables: src.tables }));
  };
}

