// Synthetic bilingual (English / Chinese) post-purchase survey of the customers of the retail sample
// (generate-transactions.mjs): NPS question, overall satisfaction, four attributes and a competitor's rating of each,
// and free-text comments. Deterministic per seed.
//
// The scores are driven by what the customer does after the response in the retail sample: a customer who orders
// again within 90 days of the response date answers markedly higher (with noise), so promoters repurchase clearly
// more often than detractors. delivery_speed and customer_service drive overall_satisfaction most, product_quality
// less, price_value hardly; the competitor is rated better on price and worse on service.
import { writeFileSync } from 'node:fs';
import { csvField, mulberry32, pad, readCsvRecords, ymd } from './random.mjs';

const DAY = 86400000;
/** Responses are kept at least this far from the end of the transactions, so 90 days after each are observed. */
const FOLLOW_UP_DAYS = 90;

const stamp = (ms) => {
  const d = new Date(ms);
  return `${ymd(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};


/** Customer → their orders (distinct order ids: day and channel), in file order. */
function readCustomers(path) {
  const { col, records } = readCsvRecords(path);
  const [iOrder, iCustomer, iDate, iChannel] = [col('order_id'), col('customer_id'), col('order_date'), col('channel')];
  if (iCustomer < 0 || iDate < 0) throw new Error(`${path}: needs customer_id and order_date columns`);
  const customers = new Map();
  let last = 0;
  for (const f of records) {
    const [y, m, d] = f[iDate].slice(0, 10).split('-').map(Number);
    const day = Date.UTC(y, m - 1, d);
    if (!Number.isFinite(day)) continue;
    last = Math.max(last, day);
    let c = customers.get(f[iCustomer]);
    if (!c) customers.set(f[iCustomer], (c = { id: f[iCustomer], orders: new Map() }));
    const key = iOrder >= 0 ? f[iOrder] : `${f[iDate]}`;
    if (!c.orders.has(key)) c.orders.set(key, { day, channel: iChannel >= 0 ? f[iChannel] : null });
  }
  for (const c of customers.values()) c.orders = [...c.orders.values()].sort((a, b) => a.day - b.day);
  return { customers: [...customers.values()], last };
}

// Comment fragments: [English, Chinese] per attribute and tone.
const FRAGMENTS = {
  positive: {
    delivery_speed: [
      ['fast delivery', 'arrived a day early', 'quick shipping', 'the parcel came the next day', 'delivery was super fast'],
      ['物流很快', '第二天就到了', '发货速度快', '快递很给力', '送货很准时'],
    ],
    customer_service: [
      ['friendly support', 'customer service was very helpful', 'support answered within minutes', 'the staff were polite and patient'],
      ['客服态度很好', '客服回复很及时', '售后很耐心', '客服很专业'],
    ],
    product_quality: [
      ['great quality', 'the product quality is excellent', 'well made and works perfectly', 'exactly as described'],
      ['质量很好', '做工精致', '东西很不错', '和描述一致'],
    ],
    price_value: [
      ['good value for money', 'fair price', 'nice discount', 'cheaper than elsewhere'],
      ['性价比很高', '价格实惠', '价格便宜', '优惠力度大'],
    ],
  },
  negative: {
    delivery_speed: [
      ['delivery was slow', 'the parcel arrived a week late', 'shipping took forever', 'the package was damaged', 'the "express" delivery took six days'],
      ['物流太慢了', '等了一个星期才到', '包装也破了', '快递很慢', '发货太慢'],
    ],
    customer_service: [
      ['nobody answered', 'customer service was rude', 'support never replied to my email', 'waited an hour on the phone'],
      ['客服没人回复', '客服态度很差', '售后不处理', '打电话一直没人接'],
    ],
    product_quality: [
      ['poor quality', 'it broke after two days', 'not as described', 'the item was faulty'],
      ['质量很差', '用了两天就坏了', '和描述不符', '做工粗糙'],
    ],
    price_value: [
      ['too expensive', 'prices went up again', 'shipping costs are too high', 'not worth the price'],
      ['价格太贵了', '运费太贵', '不值这个价', '比别家贵'],
    ],
  },
};
const CLOSERS = {
  positive: [['will buy again', 'highly recommend', 'love it', 'everything was perfect'], ['会回购', '推荐购买', '非常满意', '五星好评']],
  negative: [['very disappointed', 'will not order again', 'not worth it', 'please fix this'], ['非常失望', '不会再买了', '不推荐', '体验很差']],
};
const NEUTRAL = [
  ['ok overall', 'decent, nothing special', 'it does the job', 'as expected'],
  ['还可以', '一般般', '中规中矩', '东西还行'],
];

const ATTRIBUTES = ['product_quality', 'delivery_speed', 'price_value', 'customer_service'];
/** Where the survey was answered; in_store only after a purchase in a store. */
const TOUCHPOINTS = [['after_delivery', 0.55], ['support_ticket', 0.25], ['app_review', 0.2]];
const CHANNELS = [['Web', 0.5], ['App', 0.3], ['Store', 0.2]];

function pick(rand, weighted) {
  let u = rand();
  for (const [v, w] of weighted) if ((u -= w) <= 0) return v;
  return weighted[weighted.length - 1][0];
}

/**
 * Reads the retail transactions at `transactionsCsvPath` and writes the survey to `targetUrl` (path or file URL).
 * Resolves with the number of responses written.
 */
export async function generateSurvey(transactionsCsvPath, targetUrl, { seed = 11 } = {}) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const choose = (list) => list[Math.floor(rand() * list.length)];
  const { customers, last } = readCustomers(transactionsCsvPath);
  const latest = last - (FOLLOW_UP_DAYS + 4) * DAY; // the last order a survey may follow

  // A seeded subset of the customers with an order early enough; about one in six of them answers twice.
  const eligible = customers.filter((c) => c.orders.some((o) => o.day <= latest));
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
  }
  const respondents = eligible.slice(0, Math.round(eligible.length * 0.58));

  const responses = [];
  for (const c of respondents) {
    const orders = c.orders.filter((o) => o.day <= latest);
    const first = orders[Math.floor(rand() * orders.length)];
    const picked = [first];
    if (rand() < 0.17) {
      const other = orders.filter((o) => Math.abs(o.day - first.day) >= 30 * DAY);
      if (other.length) picked.push(choose(other));
    }
    for (const order of picked) responses.push(respond(c, order));
  }

  function respond(customer, order) {
    const responseDay = order.day + Math.floor(rand() * 4) * DAY;
    const repurchased = customer.orders.some((o) => o.day > responseDay && o.day <= responseDay + FOLLOW_UP_DAYS * DAY);
    // Latent experience: the behaviour after the response, plus noise.
    const experience = (repurchased ? 0.9 : -0.55) + normal() * 0.75;
    const latent = {
      delivery_speed: 0.75 * experience + normal() * 0.7,
      customer_service: 0.7 * experience + normal() * 0.7,
      product_quality: 0.35 * experience + normal() * 0.8,
      price_value: 0.1 * experience + normal() * 0.9,
    };
    const overall = 0.42 * latent.delivery_speed + 0.38 * latent.customer_service + 0.16 * latent.product_quality +
      0.04 * latent.price_value + normal() * 0.35;
    const five = (mu, x) => Math.min(5, Math.max(1, Math.round(mu + x)));
    const ratings = {
      product_quality: five(3.9, latent.product_quality),
      delivery_speed: five(3.3, latent.delivery_speed),
      price_value: five(3.0, latent.price_value),
      customer_service: five(3.6, latent.customer_service),
    };
    const overallScore = five(3.6, overall * 1.05);
    const nps = Math.min(10, Math.max(0, Math.round(7.5 + 1.55 * overall + 0.9 * experience + normal() * 0.9)));
    // The competitor, as the respondent sees it: better on price, worse on service; a little of their own mood.
    const mood = 0.2 * experience;
    const competitor = {
      product_quality: five(3.7, mood + normal() * 0.85),
      delivery_speed: five(3.3, mood + normal() * 0.85),
      price_value: five(3.9, mood + normal() * 0.8),
      customer_service: five(2.8, mood + normal() * 0.85),
    };
    const blank = (v, p) => (rand() < p ? null : v);

    const submittedDay = responseDay + (rand() < 0.7 ? 0 : (1 + Math.floor(rand() * 5)) * DAY);
    const submitted = submittedDay + Math.floor((7 + rand() * 16) * 3600000);
    const channel = order.channel ?? pick(rand, CHANNELS);
    const touchpoint = channel === 'Store' && rand() < 0.7 ? 'in_store' : pick(rand, TOUCHPOINTS);
    const comment = rand() < 0.6 ? writeComment(nps, ratings) : null;
    return {
      customer_id: customer.id,
      response_date: ymd(responseDay),
      submitted_at: stamp(submitted),
      submitted,
      channel,
      touchpoint,
      likelihood_to_recommend: blank(nps, 0.01),
      overall_satisfaction: blank(overallScore, 0.015),
      ...Object.fromEntries(ATTRIBUTES.map((a) => [a, blank(ratings[a], 0.025)])),
      ...Object.fromEntries(ATTRIBUTES.map((a) => [`competitor_${a}`, blank(competitor[a], 0.07)])),
      comment,
    };
  }

  function writeComment(nps, ratings) {
    const zh = rand() < 0.5 ? 1 : 0;
    const ranked = [...ATTRIBUTES].sort((a, b) => ratings[a] - ratings[b] || ATTRIBUTES.indexOf(a) - ATTRIBUTES.indexOf(b));
    let parts;
    if (nps >= 9) {
      // Praise for the best-rated attributes, sometimes a closing remark.
      const best = ranked.slice().reverse();
      parts = [choose(FRAGMENTS.positive[best[0]][zh])];
      if (rand() < 0.5) parts.push(choose(FRAGMENTS.positive[best[1]][zh]));
      if (rand() < 0.4) parts.push(choose(CLOSERS.positive[zh]));
    } else if (nps <= 6) {
      parts = [choose(FRAGMENTS.negative[ranked[0]][zh])];
      if (rand() < 0.5) parts.push(choose(FRAGMENTS.negative[ranked[1]][zh]));
      if (rand() < 0.4) parts.push(choose(CLOSERS.negative[zh]));
    } else {
      // Passives: a neutral remark, or praise for the best attribute with a complaint about the worst.
      parts = rand() < 0.45
        ? [choose(NEUTRAL[zh])]
        : [choose(FRAGMENTS.positive[ranked[3]][zh]), (zh ? '但是' : 'but ') + choose(FRAGMENTS.negative[ranked[0]][zh])];
    }
    if (zh) return parts.join('，') + (rand() < 0.3 ? '！' : rand() < 0.5 ? '。' : '');
    const text = parts.join(rand() < 0.7 ? ', ' : '. ').replace(/\. ([a-z])/g, (_, ch) => `. ${ch.toUpperCase()}`);
    return text[0].toUpperCase() + text.slice(1) + (rand() < 0.3 ? '!' : rand() < 0.6 ? '.' : '');
  }

  responses.sort((a, b) => a.submitted - b.submitted || (a.customer_id < b.customer_id ? -1 : 1));
  const columns = [
    'response_id', 'customer_id', 'response_date', 'submitted_at', 'channel', 'touchpoint', 'likelihood_to_recommend',
    'overall_satisfaction', ...ATTRIBUTES, ...ATTRIBUTES.map((a) => `competitor_${a}`), 'comment',
  ];
  const lines = [columns.join(',')];
  responses.forEach((r, i) => {
    r.response_id = `R${String(i + 1).padStart(6, '0')}`;
    lines.push(columns.map((c) => csvField(r[c])).join(','));
  });
  writeFileSync(targetUrl, lines.join('\n') + '\n');
  return responses.length;
}
