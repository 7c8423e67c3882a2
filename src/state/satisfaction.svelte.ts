import type { Row } from '../db/db';
import { savedSettings } from '../workspace/saved-settings.svelte';
import type { Granularity } from '../analyses/cohorts/period';
import { mixShift, npsByGroupSql, npsByPeriodSql, npsGroupTrendSql, npsOverallSql, npsSharesSql, type MixShift } from '../analyses/survey/nps';
import { competitorSql, csatSql, driversSql, ratingDistributionSql } from '../analyses/survey/ratings';
import { behaviourByNpsGroupSql, linkCoverageSql, npsByCustomerColumnSql, stageMixSql, valuableDetractorsSql } from '../analyses/survey/link';
import { countTermsInChunks, type TermRow } from '../analyses/survey/terms';
import { commentsPageSql, termGroupSql } from '../analyses/survey/comments';
import { lifecycleRequests } from '../analyses/lifecycle/requests';
import type { QueryRequest, TableSpec } from '../query/query-layer';
import { saveBytes, saveCsv } from '../export/download';
import { rowsToCsv } from '../export/rows-csv';
import { i18n } from '../i18n/i18n.svelte';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm } from './rfm.svelte';
import { churnWindow, lifecycle } from './lifecycle.svelte';

export interface NpsRow extends Row {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  nps_low: number | null;
  nps_high: number | null;
}
export interface PeriodNps extends NpsRow {
  period: string;
}
export interface GroupNps extends NpsRow {
  group_column: string;
  group: string;
}
export interface DriverRow extends Row {
  question: string;
  responses: number;
  mean: number | null;
  top2_share: number | null;
  importance: number | null;
  quadrant: string | null;
}

export interface SurveyFigures {
  overall: NpsRow;
  periods: PeriodNps[];
  shares: Row[];
  groups: GroupNps[];
  /** Per grouping column: its values' NPS per period. */
  trends: Row[];
  drivers: DriverRow[];
  distribution: Row[];
  csat: Row[];
  competitor: Row[];
}

export interface LinkFigures {
  coverage: { respondents: number; linked: number };
  byGroup: Row[];
  bySegment: Row[];
  byTier: Row[];
  byStage: Row[];
  /** Per NPS group and churn-window stage: respondents and share of the group. */
  stageMix: Row[];
  rfmTable: TableSpec;
}

/** Rows of comments read per query while counting terms. */
const COMMENT_PAGE = 5000;

/** The Satisfaction view: NPS, ratings and drivers, comments, and (with transactions) the link to behaviour. */
export class SatisfactionState {
  period = $state<Granularity>('month');
  /** The grouping column whose trend the mix-shift check compares with the overall trend. */
  trendColumn = $state<string | null>(null);
  /** What comment terms are counted by: the NPS group, or a grouping column. */
  termsBy = $state<string>('nps');

  readonly figures: Loader<{ v: number; period: Granularity }, SurveyFigures>;
  readonly link: Loader<{ v: number; asOf: string; rfm: unknown; window: number | null }, LinkFigures>;
  readonly terms: Loader<{ v: number; by: string }, TermRow[]>;
  termsDone = $state(0);

  constructor(private app: AppState) {
    savedSettings.bind('satisfaction', this, ['period', 'trendColumn', 'termsBy']);
    const layer = () => app.layer!;
    this.figures = new Loader(
      () => (app.hasSurvey && app.layer ? { v: app.version, period: this.period } : null),
      async ({ period }, signal) => {
        const q = <T extends Row>(sql: string) => layer().query<T>({ sql }, { signal });
        const [[overall], periods, shares, groups, trends, drivers, distribution, csat, competitor] = await Promise.all([
          q<NpsRow>(npsOverallSql()), q<PeriodNps>(npsByPeriodSql(period)), q(npsSharesSql(period)), q<GroupNps>(npsByGroupSql()),
          q(npsGroupTrendSql(period)), q<DriverRow>(driversSql()), q(ratingDistributionSql()), q(csatSql()), q(competitorSql()),
        ]);
        return { overall: overall!, periods, shares, groups, trends, drivers, distribution, csat, competitor };
      },
    );
    this.link = new Loader(
      () => (app.hasSurvey && app.hasData && app.asOf && app.layer
        ? { v: app.version, asOf: app.asOf, rfm: rfm.options, window: lifecycle.windowDays }
        : null),
      async ({ asOf, window }, signal) => {
        const l = layer();
        const rfmTable = rfm.table(asOf);
        const params = await churnWindow(l, asOf, window, signal);
        const stageTable = lifecycleRequests(asOf, params.window).table;
        const q = (req: QueryRequest) => l.query(req, { signal });
        const [[coverage], byGroup, bySegment, byTier, byStage, stageMix] = await Promise.all([
          q({ sql: linkCoverageSql(), params: [asOf] }),
          q({ sql: behaviourByNpsGroupSql(), params: [asOf] }),
          q({ sql: npsByCustomerColumnSql(rfmTable.name, 'segment_key'), params: [asOf], tables: [rfmTable] }),
          q({ sql: npsByCustomerColumnSql(rfmTable.name, 'tier'), params: [asOf], tables: [rfmTable] }),
          q({ sql: npsByCustomerColumnSql(stageTable.name, 'stage'), params: [asOf], tables: [stageTable] }),
          q({ sql: stageMixSql(stageTable.name), params: [asOf], tables: [stageTable] }),
        ]);
        return { coverage: coverage as LinkFigures['coverage'], byGroup, bySegment, byTier, byStage, stageMix, rfmTable };
      },
    );
    this.terms = new Loader(
      () => (app.hasSurvey && app.layer ? { v: app.version, by: this.termsBy } : null),
      async ({ by }, signal) => {
        this.termsDone = 0;
        const l = layer();
        const group = termGroupSql(by === 'nps' ? null : by);
        async function* pages() {
          for (let offset = 0; ; offset += COMMENT_PAGE) {
            const rows = await l.query<{ group: string; comment: string }>({ sql: commentsPageSql(group), params: [COMMENT_PAGE, offset] }, { signal });
            if (rows.length) yield rows;
            if (rows.length < COMMENT_PAGE) return;
          }
        }
        return countTermsInChunks(pages(), { signal, onProgress: (n) => (this.termsDone = n), locale: i18n.lang === 'zh' ? 'zh' : 'en' });
      },
    );
  }

  /** The mix-shift note for the chosen grouping column (or the first one), from figures already loaded. */
  get shift(): { column: string; shift: MixShift } | null {
    const f = this.figures.value;
    const column = this.trendColumn ?? this.app.surveyMapping?.groups[0] ?? null;
    if (!f || !column) return null;
    const rows = f.trends.filter((r) => r.group_column === column) as { group: string; period: string; nps: number; responses: number }[];
    const shift = mixShift(f.periods.filter((p) => p.nps !== null) as { period: string; nps: number }[], rows);
    return shift ? { column, shift } : null;
  }

  private exportSql(name: string, req: QueryRequest) {
    return async () => saveCsv(name, await this.app.layer!.exportCsv(req));
  }

  download = () => this.exportSql('nps.csv', { sql: npsByPeriodSql(this.period) })();
  downloadGroups = () => this.exportSql('nps_by_group.csv', { sql: npsByGroupSql() })();
  downloadDrivers = () => this.exportSql('satisfaction_drivers.csv', { sql: driversSql() })();

  /** `nps_by_segment.csv`: the RFM segments' names in the UI language, bound after the as-of date. */
  downloadSegments = async (): Promise<void> => {
    const asOf = this.app.asOf;
    const table = rfm.table(asOf);
    const name = rfm.segmentName('value', 2);
    const sql = `SELECT ${name.sql} AS segment, respondents, nps, repurchase_rate, revenue_per_respondent_90d
FROM (${npsByCustomerColumnSql(table.name, 'segment_key')})`;
    await this.exportSql('nps_by_segment.csv', { sql, params: [asOf, ...name.params], tables: [table] })();
  };

  /** `comment_terms.csv` from the counted terms (group codes as in the other exports). */
  downloadTerms = async (): Promise<void> => {
    const rows = this.terms.value ?? [];
    saveBytes('comment_terms.csv', [new Uint8Array([0xef, 0xbb, 0xbf]), rowsToCsv(rows.map((r) => ({ group: r.group, term: r.term, count: r.count, share_of_comments: r.share_of_comments })))], 'text/csv;charset=utf-8');
  };

  /** The high-value detractors, as a paged table's source. */
  detractorsSource(): { source: string; params: unknown[]; tables: TableSpec[] } | null {
    const link = this.link.value;
    if (!link) return null;
    return { source: valuableDetractorsSql(link.rfmTable.name), params: [this.app.asOf], tables: [link.rfmTable] };
  }
}

