import { untrack } from 'svelte';
import type { Row } from '../db/db';
import { customerOrdersRequest, customerProfileRequest, customerSearchRequest } from '../analyses/behaviour/customer-360';
import type { Dimensions } from '../analyses/behaviour/dimensions';
import { lifecycleRequests, type ValueSources } from '../analyses/lifecycle/requests';
import type { Stage } from '../analyses/lifecycle/stages';
import type { QueryRequest } from '../query/query-layer';
import type { AppState } from './app.svelte';
import type { BehaviourSettings } from './behaviour.svelte';
import { churnWindow, lifecycle, valueSources, withRfmBuilt } from './lifecycle.svelte';
import { Loader } from './loader.svelte';

/** Milliseconds of no typing before a search runs. */
const SEARCH_DELAY = 250;

export interface Profile extends Row {
  customer_id: string;
  first_order: string;
  last_order: string;
  orders: number;
  revenue: number;
  days_since_last_order: number;
  median_gap_days: number | null;
  stage: Stage;
  r_score?: number | null;
  f_score?: number | null;
  m_score?: number | null;
  segment?: string | null;
  p_alive?: number | null;
  clv?: number | null;
  churn_probability?: number | null;
}

export interface ProfileData {
  id: string;
  asOf: string;
  window: number;
  /** Null when the customer has no purchase up to the as-of date. */
  row: Profile | null;
  hasRfm: boolean;
  hasClv: boolean;
  hasChurn: boolean;
  /** Every order of the customer (purchases, returns, net-zero ones), latest first: the timeline's. */
  orders: Row[];
  request: QueryRequest;
}

/**
 * Customer 360: the search (run once typing pauses; a newer search drops the one before) and one customer's
 * profile — lifecycle stage with the Lifecycle view's window, RFM with the RFM view's settings, P(alive) and CLV
 * when the CLV view scored this as-of date — and orders.
 */
export class Customer360State {
  /** The search box as typed; `behaviour.customerQuery` follows it once typing pauses. */
  typed = $state('');
  readonly search: Loader<{ asOf: string; q: string }, { q: string; rows: { customer_id: string; orders: number }[] }>;
  readonly profile: Loader<{ asOf: string; id: string; chosen: number | null; sources: ValueSources }, ProfileData>;

  constructor(app: AppState, behaviour: BehaviourSettings, shown: () => { asOf: string; dims: Dimensions } | null) {
    this.typed = behaviour.customerQuery;
    const layer = () => app.layer!;
    $effect(() => {
      const text = this.typed;
      const id = setTimeout(() => {
        if (text !== untrack(() => behaviour.customerQuery)) behaviour.customerQuery = text;
      }, SEARCH_DELAY);
      return () => clearTimeout(id);
    });
    this.search = new Loader(
      () => {
        const r = shown();
        const q = behaviour.customerQuery.trim();
        return r && q ? { asOf: r.asOf, q } : null;
      },
      async ({ asOf, q }, signal) => {
        const rows = await layer().query<{ customer_id: string; orders: number }>(customerSearchRequest(asOf, q), { signal });
        const exact = rows.find((r) => r.customer_id.toLowerCase() === q.toLowerCase());
        if (exact && !signal.aborted) behaviour.customerId = exact.customer_id;
        return { q, rows };
      },
    );
    this.profile = new Loader(
      () => {
        const r = shown();
        const id = behaviour.customerId;
        // Tracked here: the RFM and CLV settings and the language the profile's values follow.
        return r && id ? { asOf: r.asOf, id, chosen: lifecycle.windowDays, sources: valueSources(layer(), r.asOf) } : null;
      },
      async ({ asOf, id, chosen, sources: wanted }, signal) => {
        const { window } = await churnWindow(layer(), asOf, chosen, signal);
        const { sources } = await withRfmBuilt(layer(), wanted, signal);
        const request = customerProfileRequest(lifecycleRequests(asOf, window).table, sources, id);
        const [[row], orders] = await Promise.all([
          layer().query<Profile>(request, { signal }),
          layer().query(customerOrdersRequest(asOf, id), { signal }),
        ]);
        return { id, asOf, window, row: row ?? null, hasRfm: !!sources.rfm, hasClv: !!sources.clv, hasChurn: !!sources.churn, orders, request };
      },
    );
  }

  /** Nothing the section shows is still loading. */
  get settled(): boolean {
    return !this.search.loading && !this.profile.loading;
  }
}
