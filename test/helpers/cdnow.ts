import { readFileSync } from 'node:fs';
import { NodeDb } from './node-db';
import { fileOf } from './files';
import { Dataset } from '../../src/ingest/loader';

/** Reads a CSV of numbers from `test/fixtures/cdnow/` (header row, comma separated). */
export function readCdnowFixture(name: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(new URL(`../fixtures/cdnow/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], Number(v)])));
}

/** A Node database with the app's CDNOW sample (`public/samples/cdnow_sample.csv`) loaded through `Dataset`. */
export async function cdnowDb(): Promise<NodeDb> {
  const db = await NodeDb.create();
  const csv = readFileSync(new URL('../../public/samples/cdnow_sample.csv', import.meta.url));
  await new Dataset(db).add(fileOf('cdnow_sample.csv', new Uint8Array(csv)));
  return db;
}

/** End of the calibration period of the published CDNOW fits. */
export const CDNOW_AS_OF = '1997-09-30';
