import type { Row } from '../db/db';
import { kpiRequest, monthlySql, overviewExportRequest } from '../analyses/overview';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';

export interface Kpis extends Row {
  customers: number;
  orders: number;
  returns: number;
  revenue: number;
  returned_amount: number;
  average_order_value: number | null;
  orders_per_customer: number | null;
  repeat_customer_share: number | null;
  first_date: string | null;
  last_date: string | null;
}

/** The Overview's figures for the as-of date and data version, through the query layer. */
export class OverviewState {
  readonly data: Loader<{ asOf: string; v: number }, { kpis: Kpis; monthly: Row[] }>;

  constructor(private app: AppState) {
    this.data = new Loader(
      () => (app.hasData && app.asOf ? { asOf: app.asOf, v: app.version } : null),
      async ({ asOf }, signal) => {
        const layer = app.layer!;
        const [[kpis], monthly] = await Promise.all([
          layer.query<Kpis>(kpiRequest(asOf), { signal }),
          layer.query({ sql: monthlySql(), params: [asOf] }, { signal }),
        ]);
        return { kpis, monthly };
      },
    );
  }

  /** `overview.csv` for the as-of date. */
  download = async (): Promise<void> => {
    saveCsv('overview.csv', await this.app.layer!.exportCsv(overviewExportRequest(this.app.asOf)));
  };
}
