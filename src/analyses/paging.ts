import { ident } from '../db/sql';

/** What a paged table asks of a result: which page, sorted how, searched for what. */
export interface PageRequest {
  /** A column of the source, or null for the source's own order. */
  sortBy: string | null;
  descending: boolean;
  page: number;
  pageSize: number;
  /** Text searched (case-insensitive, anywhere) in `searchColumn`; blank for no search. */
  search: string;
  searchColumn: string | null;
  /** Equality filters, column → value (e.g. segment = 'Champions'). */
  filters: Record<string, string | number | null>;
  /** Columns that identify a row: the sort ends with them, so ties cannot move rows between pages. */
  unique?: readonly string[];
  /** Unsorted, keep the source's own order (a console statement's ORDER BY) instead of sorting by `unique`. */
  keepOrder?: boolean;
}

/**
 * Builds the SQL of one page of `source` (a table name or a parenthesised query) and of its row count.
 * Column names are quoted; the search text and filter values are bound after `firstParam - 1` earlier ones.
 * Only `pageSize` rows ever reach JS, however big the source.
 */
export function pageSql(source: string, req: PageRequest, firstParam = 1): { rows: string; count: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const next = () => `$${firstParam + params.length}`;
  if (req.search.trim() && req.searchColumn) {
    where.push(`CAST(${ident(req.searchColumn)} AS VARCHAR) ILIKE ${next()}`);
    params.push(`%${req.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where[where.length - 1] += ` ESCAPE '\\'`;
  }
  for (const [col, value] of Object.entries(req.filters)) {
    if (value === null || value === '') continue;
    where.push(`${ident(col)} = ${next()}`);
    params.push(value);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const keys = [
    ...(req.sortBy ? [`${ident(req.sortBy)} ${req.descending ? 'DESC' : 'ASC'} NULLS LAST`] : []),
    ...(req.sortBy || !req.keepOrder ? (req.unique ?? []) : []).filter((c) => c !== req.sortBy).map((c) => `${ident(c)} ASC`),
  ];
  const order = keys.length ? `ORDER BY ${keys.join(', ')}` : '';
  const size = Math.max(1, Math.floor(req.pageSize));
  const offset = Math.max(0, Math.floor(req.page)) * size;
  return {
    rows: `SELECT * FROM ${source} AS src ${filter} ${order} LIMIT ${size} OFFSET ${offset}`,
    count: `SELECT count(*) AS n FROM ${source} AS src ${filter}`,
    params,
  };
}
