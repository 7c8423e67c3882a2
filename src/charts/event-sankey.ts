import { ROWS, type ChartSpec } from './vega-types';

/** One link of `sankeySql`: sessions going from `from_event` at position `step` to `to_event` at `step + 1`. */
export interface SankeyLink {
  step: number;
  from_event: string;
  to_event: string;
  sessions: number;
}

/** A chart row: a node (a rect) or one end of a link band (two rows per link, an area between them). */
export interface SankeyRow {
  kind: 'node' | 'link';
  id: string;
  x: number;
  y0: number;
  y1: number;
  event: string;
  name: string;
  sessions: number;
}

/** Space between the nodes of a column, as a share of the biggest column. */
const GAP = 0.04;

/**
 * Lays the first steps of sessions out as a Sankey diagram: a column per position, a node per event there (its
 * height its sessions, stacked in `order`), and a band per link from its share of the source node to its share of
 * the target node. `name` gives an event's display name. Pure: the chart draws what this returns.
 */
export function sankeyRows(links: readonly SankeyLink[], order: readonly string[], name: (event: string) => string): SankeyRow[] {
  const rank = (e: string) => (order.includes(e) ? order.indexOf(e) : order.length);
  const sorted = [...links].filter((l) => l.sessions > 0).sort((a, b) => a.step - b.step || rank(a.from_event) - rank(b.from_event) || rank(a.to_event) - rank(b.to_event));
  // A node's size: the larger of what leaves and what arrives.
  const size = new Map<string, number>();
  const key = (x: number, e: string) => `${x}|${e}`;
  const add = (k: string, n: number, map: Map<string, number>) => map.set(k, (map.get(k) ?? 0) + n);
  const out = new Map<string, number>();
  const inn = new Map<string, number>();
  for (const l of sorted) {
    add(key(l.step, l.from_event), l.sessions, out);
    add(key(l.step + 1, l.to_event), l.sessions, inn);
  }
  for (const k of new Set([...out.keys(), ...inn.keys()])) size.set(k, Math.max(out.get(k) ?? 0, inn.get(k) ?? 0));
  const columns = [...new Set([...size.keys()].map((k) => Number(k.split('|')[0])))].sort((a, b) => a - b);
  const totals = columns.map((x) => [...size].filter(([k]) => Number(k.split('|')[0]) === x).reduce((s, [, v]) => s + v, 0));
  const gap = Math.max(0, ...totals) * GAP;
  const top = new Map<string, number>();
  const rows: SankeyRow[] = [];
  for (const x of columns) {
    let y = 0;
    const nodes = [...size].filter(([k]) => Number(k.split('|')[0]) === x).map(([k, v]) => ({ event: k.slice(k.indexOf('|') + 1), v }));
    for (const n of nodes.sort((a, b) => rank(a.event) - rank(b.event))) {
      top.set(key(x, n.event), y);
      rows.push({ kind: 'node', id: key(x, n.event), x, y0: y, y1: y + n.v, event: n.event, name: name(n.event), sessions: n.v });
      y += n.v + gap;
    }
  }
  const usedOut = new Map<string, number>();
  const usedIn = new Map<string, number>();
  for (const l of sorted) {
    const s = key(l.step, l.from_event);
    const t = key(l.step + 1, l.to_event);
    const ys = top.get(s)! + (usedOut.get(s) ?? 0);
    const yt = top.get(t)! + (usedIn.get(t) ?? 0);
    usedOut.set(s, (usedOut.get(s) ?? 0) + l.sessions);
    usedIn.set(t, (usedIn.get(t) ?? 0) + l.sessions);
    const id = `${s}>${t}`;
    const label = `${name(l.from_event)} → ${name(l.to_event)}`;
    rows.push({ kind: 'link', id, x: l.step, y0: ys, y1: ys + l.sessions, event: l.from_event, name: label, sessions: l.sessions });
    rows.push({ kind: 'link', id, x: l.step + 1, y0: yt, y1: yt + l.sessions, event: l.from_event, name: label, sessions: l.sessions });
  }
  return rows;
}

export interface SankeyLabels {
  step: string;
  sessions: string;
  event: string;
}

/** The Sankey of `sankeyRows`: bands between columns, nodes on top, the top of the chart the first node. */
export function sankeySpec(l: SankeyLabels): ChartSpec {
  const x = { field: 'x', type: 'quantitative' as const, title: l.step, axis: { tickMinStep: 1, format: 'd' } };
  const y = { field: 'y0', type: 'quantitative' as const, axis: null, scale: { reverse: true } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 300,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'link'" }],
        mark: { type: 'area', opacity: 0.35, interpolate: 'monotone' },
        encoding: {
          x, y, y2: { field: 'y1' }, detail: { field: 'id' },
          color: { field: 'event', type: 'nominal', title: l.event, legend: null },
          tooltip: [{ field: 'name', type: 'nominal', title: l.event }, { field: 'sessions', type: 'quantitative', title: l.sessions, format: ',' }],
        },
      },
      {
        transform: [{ filter: "datum.kind === 'node'" }, { calculate: 'datum.x - 0.04', as: 'xa' }, { calculate: 'datum.x + 0.04', as: 'xb' }],
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'xa', type: 'quantitative', title: l.step }, x2: { field: 'xb' }, y, y2: { field: 'y1' },
          color: { field: 'event', type: 'nominal', title: l.event },
          tooltip: [{ field: 'name', type: 'nominal', title: l.event }, { field: 'sessions', type: 'quantitative', title: l.sessions, format: ',' }],
        },
      },
      {
        transform: [{ filter: "datum.kind === 'node'" }, { calculate: '(datum.y0 + datum.y1) / 2', as: 'ym' }],
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 10 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'ym', type: 'quantitative', axis: null, scale: { reverse: true } }, text: { field: 'name' } },
      },
    ],
  } as ChartSpec;
}
