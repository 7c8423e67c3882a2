// Generates the synthetic samples next to the committed CDNOW sample (public/samples/): the retail transactions, then
// the survey of their customers, the event log of their (and anonymous visitors') behaviour and their customer file
// (English and Chinese), which read them.
import { existsSync } from 'node:fs';
import { generateTransactions } from './generate-transactions.mjs';
import { generateSurvey } from './generate-survey.mjs';
import { generateEvents } from './generate-events.mjs';
import { generateCustomers } from './generate-customers.mjs';

const target = new URL('../public/samples/retail_sample.csv', import.meta.url);
if (!existsSync(target)) {
  const n = await generateTransactions(target, { rows: 30000, seed: 7 });
  console.log(`samples: wrote public/samples/retail_sample.csv (${n} lines)`);
}
const survey = new URL('../public/samples/survey_sample.csv', import.meta.url);
if (!existsSync(survey)) {
  const n = await generateSurvey(target, survey, { seed: 11 });
  console.log(`samples: wrote public/samples/survey_sample.csv (${n} responses)`);
}
const events = new URL('../public/samples/events_sample.csv', import.meta.url);
if (!existsSync(events)) {
  const n = await generateEvents(target, events, { seed: 13, users: 2500 });
  console.log(`samples: wrote public/samples/events_sample.csv (${n} events)`);
}
const customers = {
  en: new URL('../public/samples/customers_sample.csv', import.meta.url),
  zh: new URL('../public/samples/customers_sample_zh.csv', import.meta.url),
};
if (!existsSync(customers.en) || !existsSync(customers.zh)) {
  const { rows, duplicated, unmatched } = await generateCustomers(target, customers, { seed: 17 });
  console.log(
    `samples: wrote public/samples/customers_sample.csv and customers_sample_zh.csv (${rows} rows each, ` +
      `${duplicated.length} ids twice, ${unmatched.length} not in the transactions)`,
  );
}
