import { untrack } from 'svelte';
import { pageSql, type PageRequest } from '../analyses/paging';
import type { Row } from '../db/db';
import type { QueryLayer, TableSpec } from '../query/query-layer';
import { Loader } from './loader.svelte';

/** What a paged table shows: a table or parenthesised query, its parameters and the shared tables it reads. */
export interface PagedSource {
  source: string;
  params?: readonly unknown[];
  tables?: readonly TableSpec[];
  filters?: Record<string, string | number | null>;
  searchColumn?: string | null;
  /** Columns that make a row unique: every sort ends with them, so no row shows on two pages or on none. */
  unique?: readonly string[];
  /** Unsorted, keep the source's own order (see `PageRequest.keepOrder`). */
  keepOrder?: boolean;
}

/** Milliseconds of no typing before a search runs. */
const SEARCH_DELAY = 250;

/** One paged, sorted, searchable view of a query: only the page's rows and the count come back, through the layer. */
export class PagedQuery {
  sortBy = $state<string | null>(null);
  descending = $state(false);
  page = $state(0);
  /** The search box as typed; `search` follows it once typing pauses. */
  searchInput = $state('');
  search = $state('');
  readonly data: Loader<unknown, { rows: Row[]; total: number }>;

  constructor(
    layer: () => QueryLayer | null,
    what: () => PagedSource | null,
    private pageSize: number,
    initialSort: { key: string; descending: boolean } | null,
  ) {
    this.sortBy = initialSort?.key ?? null;
    this.descending = initialSort?.descending ?? false;

    $effect(() => {
      const typed = this.searchInput;
      const id = setTimeout(() => {
        if (typed !== untrack(() => this.search)) {
          this.search = typed;
          this.page = 0;
        }
      }, SEARCH_DELAY);
      return () => clearTimeout(id);
    });

    // A new source or filter starts again at the first page (compared by value: parents may pass equal objects anew).
    const identity = $derived(JSON.stringify(what()));
    $effect(() => {
      void identity;
      untrack(() => (this.page = 0));
    });

    this.data = new Loader(
      () => {
        const l = layer();
        const w = what();
        if (!l || !w) return null;
        const req: PageRequest = {
          sortBy: this.sortBy,
          descending: this.descending,
          page: this.page,
          pageSize: this.pageSize,
          search: this.search,
          searchColumn: w.searchColumn ?? null,
          filters: w.filters ?? {},
          unique: w.unique ?? [],
          keepOrder: w.keepOrder ?? false,
        };
        return { l, w, req };
      },
      async ({ l, w, req }, signal) => {
        const q = pageSql(w.source, req, (w.params?.length ?? 0) + 1);
        const params = [...(w.params ?? []), ...q.params];
        const [rows, [count]] = await Promise.all([
          l.query({ sql: q.rows, params, tables: w.tables }, { signal }),
          l.query<{ n: number }>({ sql: q.count, params, tables: w.tables }, { signal }),
        ]);
        return { rows, total: count.n };
      },
    );
  }

  get pages(): number {
    return Math.max(1, Math.ceil((this.data.value?.total ?? 0) / this.pageSize));
  }

  sort(key: string): void {
    if (this.sortBy === key) this.descending = !this.descending;
    else {
      this.sortBy = key;
      this.descending = true;
    }
    this.page = 0;
  }

  previous(): void {
    this.page = Math.max(0, this.page - 1);
  }

  next(): void {
    this.page = Math.min(this.pages - 1, this.page + 1);
  }
}
