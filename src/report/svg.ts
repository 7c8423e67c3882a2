import { formatLocale, parse, timeFormatLocale, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { ROWS, type ChartSpec } from '../charts/vega-types';
import { toVega } from '../charts/to-vega';
import { chartLocale } from '../charts/locale';
import type { Lang } from '../i18n/i18n.svelte';

/** Width of the report's charts in pixels (a page of A4 at 96 dpi less margins). */
export const REPORT_CHART_WIDTH = 640;

/** Draws a chart off screen as SVG text (no DOM, no `eval`: the same interpreter as the views). */
export async function chartSvg(spec: ChartSpec, rows: readonly object[], lang: Lang): Promise<string> {
  const sized = { ...spec, width: REPORT_CHART_WIDTH, datasets: { [ROWS]: rows as object[] } } as ChartSpec;
  const l = chartLocale(lang);
  // Vega's default locale, as the views set it through vega-embed: the UI language's.
  formatLocale(l.number);
  timeFormatLocale(l.time);
  const view = new View(parse(toVega(sized), undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

