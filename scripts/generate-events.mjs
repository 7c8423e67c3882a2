// Synthetic user-behaviour event log in the shape of the Taobao / Tianchi "UserBehavior" data set used to teach
// 用户行为分析: a headerless CSV `user_id,item_id,category,behavior_type,timestamp`, behavior_type one of pv, fav, cart,
// buy, timestamp in Unix seconds, sorted by user then time. Unlike the original, the category column holds Chinese
// category names (女装, 数码, …) instead of numeric ids. Deterministic per seed.
//
// It is linked to the retail sample (generate-transactions.mjs): the users are a subset of its customers (mostly those
// who ordered recently, all who ordered in the log's span) plus anonymous visitors (V…) who never buy, and every
// retail order line in the span is a buy event at the order's time, ending a session that viewed (and often carted)
// the item. The span is the last 60 days (China time, UTC+8) of the retail data.
import { writeFileSync } from 'node:fs';
import { gamma, mulberry32, readCsvRecords } from './random.mjs';

const HOUR = 3600;
const DAY = 86400;
const CHINA = 8 * HOUR; // UTC+8, no daylight saving
const SPAN_DAYS = 60;

/** Categories and their share of the items. */
const CATEGORIES = [
  ['女装', 0.16], ['男装', 0.09], ['鞋靴', 0.07], ['箱包', 0.04], ['数码', 0.08], ['家电', 0.05], ['家居', 0.1],
  ['美妆', 0.09], ['个护', 0.05], ['食品', 0.1], ['母婴', 0.05], ['运动', 0.05], ['图书', 0.04], ['玩具', 0.03],
];
/** The retail sample's categories as categories of the log (Clothing: 女装 or 男装 per customer). */
const RETAIL_CATEGORY = { Books: '图书', Electronics: '数码', Home: '家居', Grocery: '食品' };
const ITEMS = 3000;

/** Relative activity by China-time hour: an evening peak (19–23), a trough at 2–6. */
const HOUR_WEIGHTS = [
  3.5, 2, 1, 0.6, 0.5, 0.6, 1, 2, 3, 4, 4.5, 4.5, 5, 4.5, 4, 4, 4, 4, 5, 6.5, 7.5, 8, 7.5, 5.5,
];
/** Relative activity by China-time weekday (Sunday first): weekends a little busier. */
const WEEKDAY_WEIGHTS = [1.15, 0.94, 0.92, 0.94, 0.96, 1.0, 1.12];
/** Shopping festivals (China-time month-day): 双十一 and 双十二. */
const FESTIVALS = { '11-10': 1.4, '11-11': 2.6, '11-12': 1.2, '12-12': 1.6 };

/**
 * Customer → orders (time in Unix seconds, the order's wall-clock time read as UTC as the generator wrote it, and its
 * lines' categories and quantities), in time order.
 */
function readRetail(path) {
  const { col, records } = readCsvRecords(path);
  const [iOrder, iCustomer, iDate, iCategory, iQty] = ['order_id', 'customer_id', 'order_date', 'category', 'quantity'].map(col);
  if (iCustomer < 0 || iDate < 0) throw new Error(`${path}: needs customer_id and order_date columns`);
  const customers = new Map();
  let last = 0;
  for (const f of records) {
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?/.exec(f[iDate]);
    if (!m) continue;
    const ts = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) / 1000;
    last = Math.max(last, ts);
    let c = customers.get(f[iCustomer]);
    if (!c) customers.set(f[iCustomer], (c = { id: f[iCustomer], orders: new Map(), categories: {} }));
    const key = iOrder >= 0 ? f[iOrder] : f[iDate];
    let o = c.orders.get(key);
    if (!o) c.orders.set(key, (o = { ts, lines: [] }));
    const category = iCategory >= 0 ? f[iCategory] : '';
    const qty = iQty >= 0 ? Number(f[iQty]) : 1;
    o.lines.push({ category, qty });
    if (qty > 0) c.categories[category] = (c.categories[category] ?? 0) + 1;
  }
  for (const c of customers.values()) c.orders = [...c.orders.values()].sort((a, b) => a.ts - b.ts);
  return { customers: [...customers.values()], last };
}

/** Index of the first cumulative weight above u·total (binary search). */
function drawIndex(cumulative, u) {
  const target = u * cumulative[cumulative.length - 1];
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
const cumulate = (weights) => {
  let s = 0;
  return weights.map((w) => (s += w));
};

/**
 * Reads the retail transactions at `transactionsCsvPath` and writes the event log to `targetUrl` (path or file URL).
 * `users`: about how many users (three in five of them retail customers). Resolves with the number of events written.
 */
export async function generateEvents(transactionsCsvPath, targetUrl, { seed = 13, users = 2500 } = {}) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const { customers, last } = readRetail(transactionsCsvPath);

  // The span: the SPAN_DAYS China-time days ending with the day of the last retail order.
  const lastLocalDay = Math.floor((last + CHINA) / DAY);
  const spanStart = (lastLocalDay - SPAN_DAYS + 1) * DAY - CHINA;
  const spanEnd = (lastLocalDay + 1) * DAY - CHINA;

  // Session start times: a day by weekday and festival weights, then an hour of the China-time day.
  const dayWeights = [];
  for (let d = 0; d < SPAN_DAYS; d++) {
    const local = new Date((spanStart + CHINA + d * DAY) * 1000);
    const md = `${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
    dayWeights.push(WEEKDAY_WEIGHTS[local.getUTCDay()] * (FESTIVALS[md] ?? 1));
  }
  const dayCum = cumulate(dayWeights);
  const hourCum = cumulate(HOUR_WEIGHTS);
  /** A session start (Unix seconds) on a day from `fromDay` to before `toDay` (indices of the span's days). */
  const drawStart = (fromDay = 0, toDay = SPAN_DAYS) => {
    const lo = fromDay ? dayCum[fromDay - 1] : 0;
    const day = drawIndex(dayCum, (lo + rand() * (dayCum[toDay - 1] - lo)) / dayCum[SPAN_DAYS - 1]);
    return spanStart + day * DAY + drawIndex(hourCum, rand()) * HOUR + Math.floor(rand() * HOUR);
  };

  // Items: distinct 6-digit ids, each in a category; popularity Zipf-like over a random ranking.
  const ids = new Set();
  while (ids.size < ITEMS) ids.add(100000 + Math.floor(rand() * 900000));
  const itemIds = [...ids];
  const catCum = cumulate(CATEGORIES.map(([, w]) => w));
  const byCategory = new Map(CATEGORIES.map(([name]) => [name, { items: [], weights: [] }]));
  const rank = itemIds.map((_, i) => i);
  for (let i = rank.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rank[i], rank[j]] = [rank[j], rank[i]];
  }
  itemIds.forEach((id, i) => {
    const cat = byCategory.get(CATEGORIES[drawIndex(catCum, rand())][0]);
    cat.items.push(id);
    cat.weights.push(1 / (rank[i] + 30));
  });
  const categoryOf = new Map();
  for (const [name, c] of byCategory) {
    c.cum = cumulate(c.weights);
    c.total = c.cum[c.cum.length - 1];
    for (const id of c.items) categoryOf.set(id, name);
  }
  const popularity = cumulate(CATEGORIES.map(([name]) => byCategory.get(name).total));
  const drawItem = (category) => {
    const c = byCategory.get(category);
    return c.items[drawIndex(c.cum, rand())];
  };

  // Users: every customer with an order in the span, then a seeded draw of the others favouring recent buyers;
  // anonymous visitors for the rest.
  const inSpan = (o) => o.ts >= spanStart && o.ts < spanEnd && o.lines.some((l) => l.qty > 0);
  const wantedCustomers = Math.round(users * 0.6);
  const active = customers.filter((c) => c.orders.some(inSpan));
  const others = customers
    .filter((c) => !c.orders.some(inSpan))
    .map((c) => {
      const sinceLast = (spanStart - c.orders[c.orders.length - 1].ts) / DAY;
      return { c, key: Math.pow(rand(), 1 + sinceLast / 120) };
    })
    .sort((a, b) => b.key - a.key)
    .slice(0, Math.max(0, wantedCustomers - active.length))
    .map(({ c }) => c);
  const people = [];
  for (const c of [...active, ...others]) {
    const lastOrder = c.orders[c.orders.length - 1].ts;
    const recency = Math.exp(-Math.max(0, spanStart - lastOrder) / DAY / 240);
    // Preferred categories: the customer's main retail category (mapped), most of the time, and two or three more.
    const male = rand() < 0.4;
    const map = (cat) => RETAIL_CATEGORY[cat] ?? (cat === 'Clothing' ? (male ? '男装' : '女装') : null);
    const main = Object.entries(c.categories).sort((a, b) => b[1] - a[1])[Math.floor(rand() * rand() * 3)];
    const prefs = main && map(main[0]) && rand() < 0.6 ? [map(main[0])] : [];
    while (prefs.length < 3 + (rand() < 0.4)) prefs.push(CATEGORIES[drawIndex(popularity, rand())][0]);
    const orders = c.orders.filter(inSpan).map((o) => ({
      ts: o.ts,
      items: [...new Set(o.lines.filter((l) => l.qty > 0).map((l) => drawItem(map(l.category) ?? prefs[0])))],
    }));
    people.push({
      id: c.id,
      buyer: true,
      prefs,
      orders,
      sessions: 1 + Math.round(gamma(rand, 1.3) * (4 + 10 * recency + (orders.length ? 4 : 0))),
      window: [0, SPAN_DAYS],
    });
  }
  const visitorIds = new Set();
  while (visitorIds.size < users - people.length) visitorIds.add(`V${String(1 + Math.floor(rand() * 999999)).padStart(6, '0')}`);
  for (const id of visitorIds) {
    const first = Math.floor(rand() * SPAN_DAYS);
    const length = 1 + Math.floor(gamma(rand, 0.8) * 14);
    const prefs = [];
    while (prefs.length < 2 + (rand() < 0.5)) prefs.push(CATEGORIES[drawIndex(popularity, rand())][0]);
    people.push({
      id,
      buyer: false,
      prefs,
      orders: [],
      sessions: 1 + Math.floor(gamma(rand, 0.9) * 3),
      window: [first, Math.min(SPAN_DAYS, first + length)],
    });
  }

  /** Seconds between two events of a session: a few seconds to a few minutes (log-normal, median ~40 s). */
  const gap = () => Math.min(900, Math.max(3, Math.round(Math.exp(Math.log(40) + 0.95 * normal()))));
  /** Events in a session: a few, up to 30. */
  const sessionLength = () => {
    for (;;) {
      const n = 1 + Math.floor(gamma(rand, 1.15) * 6.5);
      if (n <= 30) return n;
    }
  };

  const rows = [];
  for (const person of people) {
    // Plan the sessions: the order sessions (ending with the buys at the order's time), then the others, each at
    // least an hour from its neighbours.
    const planned = [];
    const clash = (a, b) => planned.some((s) => a < s.end + HOUR && b > s.start - HOUR);
    for (const order of person.orders) {
      const browse = Math.floor(gamma(rand, 1.2) * 3);
      const steps = browse + order.items.length * 2; // browsing, a view and maybe a cart of each item
      const times = [order.ts];
      for (let i = 0; i < steps; i++) times.unshift(times[0] - gap());
      const after = rand() < 0.3 ? 1 + Math.floor(rand() * 3) : 0;
      const end = order.ts + 16 * order.items.length;
      let t = end;
      const tail = [];
      for (let i = 0; i < after; i++) if ((t += gap()) < spanEnd) tail.push(t);
      planned.push({ order, start: times[0], end: tail.length ? tail[tail.length - 1] : end, browse, times, tail });
    }
    for (let s = 0; s < person.sessions; s++) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const start = drawStart(...person.window);
        const times = [start];
        const n = sessionLength();
        for (let i = 1; i < n; i++) times.push(times[i - 1] + gap());
        const end = times[times.length - 1];
        if (end >= spanEnd || clash(start, end)) continue;
        planned.push({ start, end, times });
        break;
      }
    }
    planned.sort((a, b) => a.start - b.start);

    // Fill them in time order, carrying the cart and the favourites over.
    const cart = new Map(); // item → when carted
    const favs = new Map();
    const preSeen = new Set();
    const emit = (ts, item, type) => rows.push([person.id, item, categoryOf.get(item), type, ts]);
    const browseItem = (session) => {
      if (session.viewed.length && rand() < 0.18) return session.viewed[Math.floor(rand() * session.viewed.length)];
      if (rand() < 0.7) session.category = session.category ?? person.prefs[Math.floor(rand() * person.prefs.length)];
      else session.category = rand() < 0.6 ? person.prefs[Math.floor(rand() * person.prefs.length)] : CATEGORIES[drawIndex(popularity, rand())][0];
      return drawItem(session.category);
    };
    for (const session of planned) {
      session.viewed = [];
      session.bought = new Set();
      if (session.order) {
        // Browse, view each ordered item (and often cart it), then buy them at the order's time.
        const { order } = session;
        const steps = [];
        for (let i = 0; i < session.browse; i++) steps.push([browseItem(session), 'pv']);
        for (const item of order.items) {
          steps.push([item, 'pv']);
          if (!cart.has(item) && rand() < 0.55) steps.push([item, 'cart']);
        }
        // The planned times end at the order; the steps take the last of them.
        const times = session.times.slice(session.times.length - 1 - steps.length, -1);
        steps.forEach(([item, type], i) => {
          if (times[i] >= spanStart) emit(times[i], item, type);
          if (type === 'pv') session.viewed.push(item);
          if (type === 'cart') cart.set(item, times[i]);
        });
        let t = order.ts;
        for (const item of order.items) {
          emit(t, item, 'buy');
          t += 2 + Math.floor(rand() * 14);
          cart.delete(item);
          favs.delete(item);
        }
        for (const ts of session.tail) emit(ts, browseItem(session), 'pv');
        continue;
      }
      const upcoming = person.orders
        .filter((o) => o.ts > session.end && o.ts < session.end + 10 * DAY)
        .flatMap((o) => o.items)
        .filter((item) => !preSeen.has(item) && rand() < 0.4);
      const times = session.times;
      let i = 0;
      const at = () => times[Math.min(i++, times.length - 1)];
      // An item of an order to come: viewed now, perhaps carted or favoured, bought days later.
      for (const item of upcoming) {
        preSeen.add(item);
        emit(at(), item, 'pv');
        session.viewed.push(item);
        const r = rand();
        if (r < 0.3) emit(at(), item, 'fav'), favs.set(item, times[0]);
        else if (r < 0.6) emit(at(), item, 'cart'), cart.set(item, times[0]);
      }
      while (i < times.length) {
        const r = i === 0 ? 1 : rand();
        const pCart = 0.075, pFav = 0.036, pBuy = person.buyer ? 0.02 : 0;
        if (r < pCart && session.viewed.length) {
          const item = session.viewed[session.viewed.length - 1 - Math.floor(rand() * Math.min(3, session.viewed.length))];
          if (cart.has(item) || session.bought.has(item)) continue;
          emit(at(), item, 'cart');
          cart.set(item, times[0]);
        } else if (r < pCart + pFav && session.viewed.length) {
          const item = session.viewed[session.viewed.length - 1 - Math.floor(rand() * Math.min(3, session.viewed.length))];
          if (favs.has(item) || session.bought.has(item)) continue;
          emit(at(), item, 'fav');
          favs.set(item, times[0]);
        } else if (r < pCart + pFav + pBuy && session.viewed.length) {
          // Buy: something in the cart (recently carted), a favourite, or an item just viewed.
          const recentCart = [...cart].filter(([, ts]) => ts > times[0] - 14 * DAY).map(([item]) => item);
          const u = rand();
          const item = recentCart.length && u < 0.55 ? recentCart[Math.floor(rand() * recentCart.length)]
            : favs.size && u < 0.72 ? [...favs.keys()][Math.floor(rand() * favs.size)]
            : session.viewed[session.viewed.length - 1];
          if (!session.viewed.includes(item) && rand() < 0.85) {
            emit(at(), item, 'pv');
            session.viewed.push(item);
          }
          emit(at(), item, 'buy');
          session.bought.add(item);
          cart.delete(item);
          favs.delete(item);
        } else {
          const item = browseItem(session);
          emit(at(), item, 'pv');
          session.viewed.push(item);
        }
      }
    }
  }

  // Sorted by user, then time; an event past the last planned time is squeezed in a second after the one before.
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[4] - b[4]));
  for (let i = 1; i < rows.length; i++) {
    if (rows[i][0] === rows[i - 1][0] && rows[i][4] <= rows[i - 1][4]) rows[i][4] = rows[i - 1][4] + 1;
  }
  writeFileSync(targetUrl, rows.map((r) => r.join(',')).join('\n') + '\n');
  return rows.length;
}
