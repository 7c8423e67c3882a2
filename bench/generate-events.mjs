// A synthetic event log for the benchmark, in the teaching data set's layout (headerless: user, item, category,
// behaviour, Unix seconds): users come in sessions of views with some favourites, carts and buys. Streams to disk.
import { createWriteStream } from 'node:fs';
import { mulberry32 } from '../scripts/random.mjs';

const CATEGORIES = ['女装', '男装', '数码', '家居', '美妆', '食品', '母婴', '运动', '图书', '家电'];
const START = 1_700_000_000;
const SPAN = 60 * 86_400;

/** Writes `events` events (about 75 per user) to `target`; resolves with the count written. */
export async function generateBenchEvents(target, { events, seed = 1 }) {
  const rand = mulberry32(seed);
  const out = createWriteStream(target);
  const users = Math.max(1, Math.round(events / 75));
  let written = 0;
  let buffer = [];
  const flush = async () => {
    if (!out.write(buffer.join(''))) await new Promise((r) => out.once('drain', r));
    buffer = [];
  };
  for (let u = 1; u <= users && written < events; u++) {
    let t = START + Math.floor(rand() * SPAN * 0.2);
    const quota = Math.min(events - written, u === users ? events - written : Math.max(1, Math.round(75 * (0.2 + 1.6 * rand()))));
    for (let k = 0; k < quota; k++) {
      // A new session now and then: hours to days later; within one, seconds to minutes.
      t += rand() < 0.12 ? 3600 + Math.floor(rand() * 3 * 86_400) : 5 + Math.floor(rand() * 180);
      const item = 1 + Math.floor(Math.pow(rand(), 2) * 50_000);
      const r = rand();
      const type = r < 0.88 ? 'pv' : r < 0.91 ? 'fav' : r < 0.97 ? 'cart' : 'buy';
      buffer.push(`${u},${item},${CATEGORIES[item % CATEGORIES.length]},${type},${t}\n`);
      written++;
      if (buffer.length >= 50_000) await flush();
    }
  }
  await flush();
  await new Promise((r) => out.end(r));
  return written;
}
