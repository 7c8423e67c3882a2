import type { Db } from '../db/db';
import { dropRejectsSql, type CsvSpec } from './source-sql';
import { IngestError } from './ingest-error';
import type { DayOrder } from './parse-sql';
import { dateProbeSql, decideDayOrder, type DateProbe } from './parse-sql';
import { readableCsv, readHead, type FileHead } from './open-csv';
import { buildSurveySql, surveyFilesSql, surveyRawName, surveyRawSql } from './survey-sql';
import { dateColumns, detectSurvey, missingSurveyRoles, type SurveyMapping } from './survey-roles';
import { dropSurveyTablesSql } from '../analyses/survey/schema';
import type { InputFile, LoadOptions } from './loader';

/** A survey file read into DuckDB. */
export interface SurveyFile extends CsvSpec {
  name: string;
  encoding: string;
  sizeBytes: number;
  /** Its columns that hold dates: the response date is the user's pick among them. */
  dates: string[];
}

export interface SavedSurveys {
  files: SurveyFile[];
  mapping: SurveyMapping | null;
  dayOrder: DayOrder;
  ambiguousDates: boolean;
  nextIndex: number;
}

/** Survey files get indices of their own, apart from the transaction files' (their rejects tables are named by it). */
const FIRST_INDEX = 100_000;

/**
 * The survey files loaded so far and the survey model built from them with one mapping. Each file is read once
 * (into its raw table); a new mapping rebuilds the model from the raw tables. A failure leaves the tables as they were.
 */
export class SurveySet {
  files: SurveyFile[] = [];
  mapping: SurveyMapping | null = null;
  dayOrder: DayOrder = 'dmy';
  /** True when DD/MM vs MM/DD could not be told from the response dates. */
  ambiguousDates = false;
  private nextIndex = FIRST_INDEX;

  constructor(private db: Db) {}

  saved(): SavedSurveys {
    return { files: this.files, mapping: this.mapping, dayOrder: this.dayOrder, ambiguousDates: this.ambiguousDates, nextIndex: this.nextIndex };
  }

  restore(s: SavedSurveys): void {
    ({ files: this.files, mapping: this.mapping, dayOrder: this.dayOrder, ambiguousDates: this.ambiguousDates, nextIndex: this.nextIndex } = s);
  }

  async add(file: InputFile, opts: LoadOptions = {}, head?: FileHead): Promise<SurveyFile> {
    const h = head ?? (await readHead(file));
    const index = this.nextIndex++;
    const spec: SurveyFile = {
      index,
      fileName: `${this.db.fileDir}survey_${index}.csv`,
      name: file.name,
      delimiter: h.sniffed.delimiter,
      headers: h.sniffed.headers,
      strict: true,
      encoding: h.encoding.encoding,
      sizeBytes: file.size,
      dates: dateColumns(h.sniffed.headers, h.sniffed.sample),
    };
    const detected = detectSurvey(h.sniffed.headers, h.sniffed.sample);
    const mapping = this.mapping ? merge(this.mapping, detected) : detected;
    const missing = missingSurveyRoles(mapping);
    if (missing.length) throw new IngestError('missing_roles', file.name, { columns: missing.map((m) => `survey.missing.${m}`) });
    try {
      const { source } = await readableCsv(file, h, opts);
      await this.db.registerFile(spec.fileName, source);
      opts.onProgress?.('read', null);
      await this.db.execLong(surveyRawSql(spec)).catch(async (e: unknown) => {
        if (!/invalid state/i.test(String(e))) throw e;
        spec.strict = false;
        await this.db.execLong(surveyRawSql(spec));
      });
      const files = [...this.files, spec];
      const dayOrder = this.files.length ? this.dayOrder : await this.detectDayOrder(spec, mapping, opts.fallbackDayOrder ?? 'dmy');
      opts.onProgress?.('build', null);
      await this.build(files, mapping, dayOrder);
      this.files = files;
    } catch (e) {
      await this.discard(spec);
      if (e instanceof IngestError) throw e;
      throw new IngestError('failed', file.name, { reason: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
    }
    return spec;
  }

  /** Applies a mapping the user changed; the model is rebuilt from the files already read. */
  async remap(mapping: SurveyMapping, dayOrder?: DayOrder): Promise<void> {
    const missing = missingSurveyRoles(mapping);
    if (missing.length) throw new IngestError('missing_roles', this.files[0]?.name ?? '', { columns: missing.map((m) => `survey.missing.${m}`) });
    const order = dayOrder ?? (mapping.response_date !== this.mapping?.response_date && this.files[0]
      ? await this.detectDayOrder(this.files[0], mapping, this.dayOrder)
      : this.dayOrder);
    if (dayOrder) this.ambiguousDates = false;
    await this.build(this.files, mapping, order);
  }

  async remove(index: number): Promise<void> {
    const gone = this.files.find((f) => f.index === index);
    if (!gone) return;
    const rest = this.files.filter((f) => f !== gone);
    if (rest.length) await this.build(rest, this.mapping!, this.dayOrder);
    else await this.db.execLong([...dropSurveyTablesSql(), 'DROP TABLE IF EXISTS survey_files']);
    this.files = rest;
    if (!rest.length) this.mapping = null;
    await this.discard(gone);
  }

  async clear(): Promise<void> {
    for (const f of this.files) await this.discard(f);
    await this.db.execLong([...dropSurveyTablesSql(), 'DROP TABLE IF EXISTS survey_files']).catch(() => undefined);
    this.files = [];
    this.mapping = null;
    this.ambiguousDates = false;
  }

  private async build(files: SurveyFile[], mapping: SurveyMapping, dayOrder: DayOrder): Promise<void> {
    await this.db.execLong(['BEGIN TRANSACTION', ...buildSurveySql(files, mapping, dayOrder), ...surveyFilesSql(files), 'COMMIT']);
    this.mapping = mapping;
    this.dayOrder = dayOrder;
  }

  private async detectDayOrder(f: SurveyFile, m: SurveyMapping, fallback: DayOrder): Promise<DayOrder> {
    if (!m.response_date) return fallback;
    const [probe] = await this.db.query<DateProbe & Record<string, unknown>>(dateProbeSql(surveyRawName(f.index), m.response_date));
    const decided = decideDayOrder(probe!, fallback);
    this.ambiguousDates = decided.ambiguous;
    return decided.order;
  }

  private async discard(f: SurveyFile): Promise<void> {
    await this.db.exec([`DROP TABLE IF EXISTS ${surveyRawName(f.index)}`, ...dropRejectsSql(f.index)].join(';\n')).catch(() => undefined);
    await this.db.dropFile(f.fileName).catch(() => undefined);
  }
}

/** A later file's columns join the mapping: questions and groups it adds; the roles already set stay. */
function merge(current: SurveyMapping, next: SurveyMapping): SurveyMapping {
  const pick = <K extends 'respondent_id' | 'order_id' | 'response_date' | 'touchpoint' | 'comment'>(k: K) => current[k] ?? next[k];
  const known = new Set(current.questions.map((q) => q.column));
  return {
    respondent_id: pick('respondent_id'),
    order_id: pick('order_id'),
    response_date: pick('response_date'),
    touchpoint: pick('touchpoint'),
    comment: pick('comment'),
    questions: [...current.questions, ...next.questions.filter((q) => !known.has(q.column) && !(q.role === 'nps' && current.questions.some((c) => c.role === 'nps')))],
    groups: [...new Set([...current.groups, ...next.groups])],
  };
}
