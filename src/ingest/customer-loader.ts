import type { Db } from '../db/db';
import type { CsvSpec } from './source-sql';
import { IngestError } from './ingest-error';
import type { DayOrder } from './parse-sql';
import { dateProbeSql, decideDayOrder, type DateProbe } from './parse-sql';
import { readableCsv, readHead, type FileHead } from './open-csv';
import { buildCustomersSql, customerRawName, customerRawSql } from './customer-sql';
import { detectCustomers, type CustomerMapping } from './customer-roles';
import { dropCustomerTablesSql } from '../analyses/segments/schema';
import type { InputFile, LoadOptions } from './loader';

export interface CustomerFile extends CsvSpec {
  name: string;
  sizeBytes: number;
}

export interface SavedCustomers {
  files: CustomerFile[];
  mapping: CustomerMapping | null;
  dayOrder: DayOrder;
  nextIndex: number;
}

const FIRST_INDEX = 300_000;

/** The customer files loaded so far and the attribute model built from them with one mapping. */
export class CustomerSet {
  files: CustomerFile[] = [];
  mapping: CustomerMapping | null = null;
  dayOrder: DayOrder = 'dmy';
  private nextIndex = FIRST_INDEX;

  constructor(private db: Db) {}

  saved(): SavedCustomers {
    return { files: this.files, mapping: this.mapping, dayOrder: this.dayOrder, nextIndex: this.nextIndex };
  }

  restore(s: SavedCustomers): void {
    ({ files: this.files, mapping: this.mapping, dayOrder: this.dayOrder, nextIndex: this.nextIndex } = s);
  }

  async add(file: InputFile, opts: LoadOptions = {}, head?: FileHead): Promise<CustomerFile> {
    const h = head ?? (await readHead(file));
    const index = this.nextIndex++;
    const spec: CustomerFile = {
      index, fileName: `${this.db.fileDir}customers_${index}.csv`, name: file.name, delimiter: h.sniffed.delimiter,
      headers: h.sniffed.headers, strict: true, sizeBytes: file.size,
    };
    const detected = detectCustomers(h.sniffed.headers);
    const mapping = this.mapping ?? detected;
    if (!detected.customer_id) throw new IngestError('missing_roles', file.name, { columns: ['customer_id'] });
    try {
      const { source } = await readableCsv(file, h, opts);
      await this.db.registerFile(spec.fileName, source);
      await this.db.execLong([customerRawSql(spec)]).catch(async (e: unknown) => {
        if (!/invalid state/i.test(String(e))) throw e;
        spec.strict = false;
        await this.db.execLong([customerRawSql(spec)]);
      });
      const dated = mapping.birth_date ?? mapping.signup_date;
      if (!this.files.length && dated) {
        const [probe] = await this.db.query<DateProbe & Record<string, unknown>>(dateProbeSql(customerRawName(index), dated));
        this.dayOrder = decideDayOrder(probe!, opts.fallbackDayOrder ?? 'dmy').order;
      }
      const files = [...this.files, spec];
      await this.db.execLong(['BEGIN TRANSACTION', ...buildCustomersSql(files, mapping, this.dayOrder), 'COMMIT']);
      this.files = files;
      this.mapping = mapping;
    } catch (e) {
      await this.db.exec(`DROP TABLE IF EXISTS ${customerRawName(index)}`).catch(() => undefined);
      await this.db.dropFile(spec.fileName).catch(() => undefined);
      if (e instanceof IngestError) throw e;
      throw new IngestError('failed', file.name, { reason: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
    }
    return spec;
  }

  async remap(mapping: CustomerMapping): Promise<void> {
    await this.db.execLong(['BEGIN TRANSACTION', ...buildCustomersSql(this.files, mapping, this.dayOrder), 'COMMIT']);
    this.mapping = mapping;
  }

  async clear(): Promise<void> {
    for (const f of this.files) {
      await this.db.exec(`DROP TABLE IF EXISTS ${customerRawName(f.index)}`).catch(() => undefined);
      await this.db.dropFile(f.fileName).catch(() => undefined);
    }
    await this.db.execLong(dropCustomerTablesSql()).catch(() => undefined);
    this.files = [];
    this.mapping = null;
  }
}
