// Synthetic retail transactions: heterogeneous customers (gamma-distributed purchase rates, geometric dropout),
// orders of several lines, products in categories, channels, regions and payment methods. Deterministic per seed.
import { createWriteStream } from 'node:fs';
import { gamma, mulberry32 } from './random.mjs';

const CATEGORIES = {
  Books: ['Novel', 'Cookbook', 'Travel Guide', 'Comic', 'Biography'],
  Electronics: ['Headphones', 'Charger', 'Keyboard', 'Mouse', 'Speaker'],
  Home: ['Mug', 'Candle', 'Towel', 'Lamp', 'Vase'],
  Clothing: ['T-shirt', 'Socks', 'Scarf', 'Cap', 'Jacket'],
  Grocery: ['Coffee', 'Tea', 'Chocolate', 'Olive Oil', 'Honey'],
};
const PRICES = { Books: 15, Electronics: 45, Home: 20, Clothing: 25, Grocery: 8 };
const CHANNELS = [['Web', 0.5], ['App', 0.3], ['Store', 0.2]];
const REGIONS = [['North', 0.3], ['South', 0.25], ['East', 0.25], ['West', 0.2]];
const PAYMENTS = [['Card', 0.6], ['PayPal', 0.25], ['Cash', 0.15]];

function pick(rand, weighted) {
  let u = rand();
  for (const [v, w] of weighted) if ((u -= w) <= 0) return v;
  return weighted[weighted.length - 1][0];
}

const pad = (n) => String(n).padStart(2, '0');
const stamp = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/**
 * Writes about `rows` order lines (~10 per customer on average, skewed) over two years from 2023-01-01.
 * Resolves with the number of lines written.
 */
export async function generateTransactions(path, { rows, seed = 42 }) {
  const rand = mulberry32(seed);
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write('order_id,customer_id,order_date,product,category,quantity,unit_price,channel,region,payment\n');
  const start = Date.UTC(2023, 0, 1);
  const span = 730 * 86400000;
  const cats = Object.keys(CATEGORIES);
  let written = 0;
  let orderNo = 100000;
  let customer = 0;
  while (written < rows) {
    customer++;
    const id = `C${String(customer).padStart(7, '0')}`;
    const first = start + Math.floor(rand() * rand() * span * 0.9 + rand() * span * 0.1);
    const ratePerDay = gamma(rand, 0.7) / 20; // mean ~0.035 orders/day, heavily skewed
    const dropout = 0.04 + rand() * 0.3; // chance of never returning after each order
    const channel = pick(rand, CHANNELS);
    const region = pick(rand, REGIONS);
    let t = first;
    while (t < start + span && written < rows) {
      const lines = 1 + Math.floor(gamma(rand, 1.5));
      const order = `O${orderNo++}`;
      const when = stamp(t + Math.floor(rand() * 12 + 8) * 3600000 + Math.floor(rand() * 3600000));
      const payment = pick(rand, PAYMENTS);
      const orderChannel = rand() < 0.8 ? channel : pick(rand, CHANNELS);
      for (let l = 0; l < lines && written < rows; l++) {
        const cat = cats[Math.floor(rand() * rand() * cats.length)];
        const product = CATEGORIES[cat][Math.floor(rand() * 5)];
        const price = (PRICES[cat] * (0.6 + rand() * 0.8)).toFixed(2);
        const qty = rand() < 0.03 ? -1 : 1 + Math.floor(gamma(rand, 0.5));
        await write(`${order},${id},${when},${product},${cat},${qty},${price},${orderChannel},${region},${payment}\n`);
        written++;
      }
      if (rand() < dropout) break;
      t += Math.max(1, Math.floor(-Math.log(rand() || 1e-12) / ratePerDay)) * 86400000;
    }
  }
  await new Promise((r) => out.end(r));
  return written;
}
