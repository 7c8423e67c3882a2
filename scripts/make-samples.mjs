// Generates the synthetic retail sample next to the committed CDNOW sample (public/samples/).
import { existsSync } from 'node:fs';
import { generateTransactions } from './generate-transactions.mjs';

const target = new URL('../public/samples/retail_sample.csv', import.meta.url);
if (!existsSync(target)) {
  const n = await generateTransactions(target, { rows: 30000, seed: 7 });
  console.log(`samples: wrote public/samples/retail_sample.csv (${n} lines)`);
}
