// Synthetic customer master data (one row per customer: gender, birth date, location, signup date, membership level,
// acquisition channel, occupation, income band) for the customers of the retail sample (generate-transactions.mjs),
// written twice: in English and, the same rows translated, in Chinese (headers and values). Deterministic per seed.
//
// The attributes are drawn from what each customer does in the retail sample (revenue, order count, last order date,
// region, main channel, categories), with noise: the top spenders are more often Gold / Diamond members, more often
// 35–54 years old and in higher income bands; recent frequent buyers were more often acquired through the App; a
// Chinese customer's province lies in their retail region (East 华东, North 华北/东北, South 华南/华中, West 西南/西北) and the
// richer provinces (Shanghai, Beijing, Zhejiang, Guangdong) draw a little more of the big spenders; about 7 % live
// abroad (United Kingdom, Germany, France, United States, Japan). signup_date is on or before the first order and the
// customer was at least 18 then. For the match and data-quality reports: about 2 % blanks in every attribute column,
// about 1 % of the customers listed twice (a later row, same id and attributes, another city) and 20 customers who
// signed up but never ordered (ids after the retail sample's last one).
import { writeFileSync } from 'node:fs';
import { csvField, mulberry32, pad, readCsvRecords, ymd } from './random.mjs';

const DAY = 86400000;
/** Ages are counted at this day. */
const AGE_DAY = Date.UTC(2024, 11, 31);
const EARLIEST_SIGNUP = Date.UTC(2019, 0, 1);
const BLANK_RATE = 0.02;
const DUPLICATE_RATE = 0.01;
const UNMATCHED = 20;
const ABROAD_RATE = 0.07;


// Chinese cities: [city, province, city 中文, province 中文, weight, affluence (−1…1: how much big spenders lean to it)],
// by the retail sample's region: East 华东, North 华北 and 东北, South 华南 and 华中, West 西南 and 西北.
const CHINA = {
  East: [
    ['Shanghai', 'Shanghai', '上海', '上海', 0.3, 1],
    ['Hangzhou', 'Zhejiang', '杭州', '浙江', 0.17, 0.7],
    ['Ningbo', 'Zhejiang', '宁波', '浙江', 0.07, 0.7],
    ['Nanjing', 'Jiangsu', '南京', '江苏', 0.15, 0.3],
    ['Suzhou', 'Jiangsu', '苏州', '江苏', 0.13, 0.3],
    ['Hefei', 'Anhui', '合肥', '安徽', 0.09, -0.6],
    ['Jinan', 'Shandong', '济南', '山东', 0.05, -0.2],
    ['Qingdao', 'Shandong', '青岛', '山东', 0.07, -0.2],
  ],
  North: [
    ['Beijing', 'Beijing', '北京', '北京', 0.42, 1],
    ['Tianjin', 'Tianjin', '天津', '天津', 0.17, 0],
    ['Shijiazhuang', 'Hebei', '石家庄', '河北', 0.12, -0.8],
    ['Taiyuan', 'Shanxi', '太原', '山西', 0.1, -0.7],
    ['Shenyang', 'Liaoning', '沈阳', '辽宁', 0.12, -0.5],
    ['Dalian', 'Liaoning', '大连', '辽宁', 0.07, -0.5],
  ],
  South: [
    ['Guangzhou', 'Guangdong', '广州', '广东', 0.26, 0.6],
    ['Shenzhen', 'Guangdong', '深圳', '广东', 0.24, 0.6],
    ['Dongguan', 'Guangdong', '东莞', '广东', 0.08, 0.6],
    ['Xiamen', 'Fujian', '厦门', '福建', 0.1, 0.1],
    ['Fuzhou', 'Fujian', '福州', '福建', 0.07, 0.1],
    ['Wuhan', 'Hubei', '武汉', '湖北', 0.15, -0.3],
    ['Changsha', 'Hunan', '长沙', '湖南', 0.1, -0.4],
    ['Zhengzhou', 'Henan', '郑州', '河南', 0.1, -0.7],
  ],
  West: [
    ['Chengdu', 'Sichuan', '成都', '四川', 0.35, -0.1],
    ['Chongqing', 'Chongqing', '重庆', '重庆', 0.25, -0.3],
    ["Xi'an", 'Shaanxi', '西安', '陕西', 0.2, -0.4],
    ['Kunming', 'Yunnan', '昆明', '云南', 0.2, -0.6],
  ],
};
// Abroad: [country, 国家, weight, cities [city, province / state, 城市, 省份]].
const ABROAD = [
  ['United Kingdom', '英国', 0.25, [['London', 'England', '伦敦', '英格兰'], ['Manchester', 'England', '曼彻斯特', '英格兰'], ['Edinburgh', 'Scotland', '爱丁堡', '苏格兰']]],
  ['Germany', '德国', 0.2, [['Berlin', 'Berlin', '柏林', '柏林'], ['Munich', 'Bavaria', '慕尼黑', '巴伐利亚'], ['Hamburg', 'Hamburg', '汉堡', '汉堡']]],
  ['France', '法国', 0.15, [['Paris', 'Île-de-France', '巴黎', '法兰西岛'], ['Lyon', 'Auvergne-Rhône-Alpes', '里昂', '奥弗涅-罗讷-阿尔卑斯']]],
  ['United States', '美国', 0.25, [['New York', 'New York', '纽约', '纽约州'], ['Los Angeles', 'California', '洛杉矶', '加利福尼亚州'], ['San Francisco', 'California', '旧金山', '加利福尼亚州'], ['Seattle', 'Washington', '西雅图', '华盛顿州']]],
  ['Japan', '日本', 0.15, [['Tokyo', 'Tokyo', '东京', '东京都'], ['Osaka', 'Osaka', '大阪', '大阪府']]],
];

const GENDER = { Female: '女', Male: '男' };
const LEVELS = ['Standard', 'Silver', 'Gold', 'Diamond'];
const LEVEL_ZH = { Standard: '普通', Silver: '银卡', Gold: '金卡', Diamond: '钻石' };
/** Shares of the levels among the retail customers, lowest first (assigned by rank of a revenue-driven score). */
const LEVEL_SHARES = [0.45, 0.3, 0.18, 0.07];
const ACQUISITION = [['App', 0.26], ['Web', 0.26], ['Store', 0.14], ['Social', 0.14], ['Search', 0.11], ['Referral', 0.09]];
const ACQUISITION_ZH = { App: 'App', Web: '官网', Store: '门店', Social: '社交媒体', Search: '搜索引擎', Referral: '朋友推荐' };
// Occupations: [name, 中文, weight among the working-age, income offset].
const OCCUPATIONS = [
  ['Office worker', '公司职员', 0.3, 0],
  ['Engineer', '工程师', 0.12, 0.6],
  ['Manager', '管理人员', 0.1, 0.9],
  ['Professional', '专业人士', 0.09, 0.7],
  ['Self-employed', '个体经营', 0.1, 0.4],
  ['Civil servant', '公务员', 0.07, 0.2],
  ['Teacher', '教师', 0.07, 0.1],
  ['Healthcare worker', '医护人员', 0.06, 0.3],
  ['Freelancer', '自由职业', 0.09, -0.1],
];
const STUDENT = ['Student', '学生', 0, -1.6];
const RETIRED = ['Retired', '退休', 0, -0.5];
/** Monthly income bands (CNY or the equivalent), lowest first, and the upper bounds of the latent income score. */
const INCOME = [['<5k', '5千以下', -0.9], ['5k-10k', '5千-1万', -0.1], ['10k-20k', '1万-2万', 0.65], ['20k-50k', '2万-5万', 1.35], ['50k+', '5万以上', Infinity]];
// Age groups [from, to, weight, lean of the big spenders].
const AGE_GROUPS = [[18, 24, 0.14, -0.9], [25, 34, 0.3, -0.3], [35, 44, 0.24, 0.8], [45, 54, 0.16, 0.8], [55, 64, 0.1, -0.1], [65, 75, 0.06, -0.5]];

const COLUMNS = ['customer_id', 'gender', 'birth_date', 'city', 'province', 'country', 'signup_date', 'membership_level', 'acquisition_channel', 'occupation', 'income_band'];
const COLUMNS_ZH = ['客户ID', '性别', '出生日期', '城市', '省份', '国家', '注册日期', '会员等级', '获客渠道', '职业', '收入'];

function pick(rand, weighted) {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let u = rand() * total;
  for (const [v, w] of weighted) if ((u -= w) <= 0) return v;
  return weighted[weighted.length - 1][0];
}

/** Customer → revenue, distinct orders, first and last order day, region, main channel, category lines; file order. */
function readRetail(path) {
  const { col, records } = readCsvRecords(path);
  const [iOrder, iCustomer, iDate, iCategory, iQty, iPrice, iChannel, iRegion] =
    ['order_id', 'customer_id', 'order_date', 'category', 'quantity', 'unit_price', 'channel', 'region'].map(col);
  if (iCustomer < 0 || iDate < 0) throw new Error(`${path}: needs customer_id and order_date columns`);
  const customers = new Map();
  let last = 0;
  for (const f of records) {
    const [y, m, d] = f[iDate].slice(0, 10).split('-').map(Number);
    const day = Date.UTC(y, m - 1, d);
    if (!Number.isFinite(day)) continue;
    last = Math.max(last, day);
    let c = customers.get(f[iCustomer]);
    if (!c) {
      customers.set(f[iCustomer], (c = {
        id: f[iCustomer], revenue: 0, orders: new Set(), first: day, last: day, region: null, channels: {}, categories: {},
      }));
    }
    const qty = iQty >= 0 ? Number(f[iQty]) || 0 : 1;
    const price = iPrice >= 0 ? Number(f[iPrice]) || 0 : 0;
    c.revenue += qty * price;
    c.orders.add(iOrder >= 0 ? f[iOrder] : f[iDate]);
    c.first = Math.min(c.first, day);
    c.last = Math.max(c.last, day);
    if (iRegion >= 0 && !c.region) c.region = f[iRegion];
    if (iChannel >= 0) c.channels[f[iChannel]] = (c.channels[f[iChannel]] ?? 0) + 1;
    if (iCategory >= 0 && qty > 0) c.categories[f[iCategory]] = (c.categories[f[iCategory]] ?? 0) + 1;
  }
  for (const c of customers.values()) c.orders = c.orders.size;
  return { customers: [...customers.values()], last };
}

/** Percentile ranks (0…1, ties averaged) of `values`. */
function percentiles(values) {
  const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = values.length > 1 ? (i + j) / 2 / (values.length - 1) : 0.5;
    i = j + 1;
  }
  return out;
}

/**
 * Reads the retail transactions at `transactionsCsvPath` and writes the customer file in English to `targets.en` and
 * in Chinese to `targets.zh` (paths or file URLs). Resolves with the counts: rows (per file), customers, duplicated
 * ids and the ids not in the transactions.
 */
export async function generateCustomers(transactionsCsvPath, targets, { seed = 17 } = {}) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const { customers, last } = readRetail(transactionsCsvPath);
  customers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Behaviour scores: revenue and order-count percentiles, recency (1 = ordered on the last day, ~0 after a year).
  const value = percentiles(customers.map((c) => c.revenue));
  const frequency = percentiles(customers.map((c) => c.orders));
  customers.forEach((c, i) => {
    c.value = value[i];
    c.frequency = frequency[i];
    c.recency = Math.exp(-(last - c.last) / DAY / 120);
  });

  // Customers who signed up and never ordered: ids after the last retail one, like the retail ids.
  const lastNo = Math.max(0, ...customers.map((c) => Number(c.id.replace(/\D/g, '')) || 0));
  const idWidth = customers[0]?.id.length - 1 || 7;
  const prefix = customers[0]?.id.replace(/\d+$/, '') || 'C';
  const start = Date.UTC(2023, 0, 1);
  for (let k = 1; k <= UNMATCHED; k++) {
    customers.push({
      id: `${prefix}${String(lastNo + k).padStart(idWidth, '0')}`, unmatched: true, revenue: 0, orders: 0,
      value: 0, frequency: 0, recency: 0, region: pick(rand, [['North', 0.3], ['South', 0.25], ['East', 0.25], ['West', 0.2]]),
      channels: {}, categories: {}, signup: start + Math.floor(rand() * 730) * DAY,
    });
  }

  // Membership: ranked by a score of revenue (mostly) and order count with noise; the unmatched are Standard.
  const score = customers.map((c) => (c.unmatched ? -Infinity : 2.4 * c.value + 0.6 * c.frequency + 0.55 * normal()));
  const byScore = customers.map((_, i) => i).filter((i) => !customers[i].unmatched).sort((a, b) => score[a] - score[b] || a - b);
  const level = new Array(customers.length).fill('Standard');
  let from = 0;
  LEVEL_SHARES.forEach((share, l) => {
    const to = l === LEVELS.length - 1 ? byScore.length : from + Math.round(share * byScore.length);
    for (let k = from; k < to; k++) level[byScore[k]] = LEVELS[l];
    from = to;
  });

  // Gender: a little more often female, more so with more clothing than the average customer, less with electronics.
  const tilt = (c) => {
    const lines = Object.values(c.categories).reduce((s, n) => s + n, 0);
    return lines ? ((c.categories.Clothing ?? 0) - (c.categories.Electronics ?? 0)) / lines : null;
  };
  const tilts = customers.map(tilt).filter((t) => t != null);
  const meanTilt = tilts.reduce((s, t) => s + t, 0) / (tilts.length || 1);

  const rows = customers.map((c, i) => {
    const v = c.value - 0.5; // −0.5 … 0.5: how much of a big spender
    const gender = rand() < 0.53 + 0.3 * ((tilt(c) ?? meanTilt) - meanTilt) ? 'Female' : 'Male';

    // Location: abroad, or a city in the retail region, the richer ones a little likelier for the big spenders.
    let place;
    if (rand() < ABROAD_RATE) {
      const [country, countryZh, , cities] = ABROAD[pick(rand, ABROAD.map((a, k) => [k, a[2]]))];
      const [city, province, cityZh, provinceZh] = cities[Math.floor(rand() * cities.length)];
      place = { city, province, country, cityZh, provinceZh, countryZh, abroad: true };
    } else {
      place = chinaCity(CHINA[c.region] ? c.region : pick(rand, [['North', 1], ['South', 1], ['East', 1], ['West', 1]]), v);
    }

    // Signup: on the day of the first order (often) or some time before; the unmatched have their own.
    const signup = c.unmatched
      ? c.signup
      : Math.max(EARLIEST_SIGNUP, c.first - (rand() < 0.4 ? 0 : Math.floor(-Math.log(rand() || 1e-12) * 150) * DAY));

    // Age at 2024-12-31: the big spenders lean to 35–54; at least 18 on the signup day.
    const group = AGE_GROUPS[pick(rand, AGE_GROUPS.map((g, k) => [k, g[2] * Math.exp(2.2 * v * g[3])]))];
    const age = group[0] + Math.floor(rand() * (group[1] - group[0] + 1));
    const birthYear = 2024 - age;
    const yearDays = (Date.UTC(birthYear + 1, 0, 1) - Date.UTC(birthYear, 0, 1)) / DAY;
    let birth = Date.UTC(birthYear, 0, 1) + Math.floor(rand() * yearDays) * DAY;
    const d = new Date(signup);
    const adultBy = Date.UTC(d.getUTCFullYear() - 18, d.getUTCMonth(), d.getUTCDate());
    if (birth > adultBy) birth = adultBy - Math.floor(rand() * 365) * DAY;

    // Occupation by age; income from occupation, age and spending.
    const realAge = ageAt(birth, AGE_DAY);
    let occupation;
    if (realAge <= 22 && rand() < 0.7) occupation = STUDENT;
    else if (realAge <= 25 && rand() < 0.2) occupation = STUDENT;
    else if (realAge >= 63 && rand() < 0.8) occupation = RETIRED;
    else if (realAge >= 55 && rand() < 0.3) occupation = RETIRED;
    else occupation = OCCUPATIONS[pick(rand, OCCUPATIONS.map((o, k) => [k, o[2] * (o[0] === 'Manager' ? Math.min(1.8, 0.4 + Math.max(0, realAge - 25) / 15) : 1)]))];
    const prime = realAge >= 35 && realAge <= 54 ? 0.35 : realAge >= 28 && realAge <= 60 ? 0.15 : -0.1;
    const income = occupation[3] + prime + 1.3 * v + (place.abroad ? 0.4 : 0) + 0.6 * normal();
    const band = INCOME.find((b) => income < b[2]);

    // Acquisition: recent frequent buyers were more often acquired through the App; the main retail channel leans
    // its own way.
    const main = Object.entries(c.channels).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const active = c.frequency * c.recency;
    const channel = pick(rand, ACQUISITION.map(([ch, w]) => [ch, w * (ch === main ? 1.8 : 1) * (ch === 'App' ? Math.exp(2.2 * active) : 1)]));

    return {
      customer_id: c.id, gender, birth_date: ymd(birth), ...place, signup_date: ymd(signup), membership_level: level[i],
      acquisition_channel: channel, occupation: occupation[0], occupationZh: occupation[1], income_band: band[0], incomeZh: band[1],
      region: c.region, customer: c,
    };
  });

  function chinaCity(region, v) {
    const cities = CHINA[region];
    const [city, province, cityZh, provinceZh] = cities[pick(rand, cities.map((x, k) => [k, x[4] * Math.exp(0.8 * v * x[5])]))];
    return { city, province, country: 'China', cityZh, provinceZh, countryZh: '中国', abroad: false };
  }

  // Blanks: about 2 % in every attribute column, drawn in one pass per column.
  const blankable = ['gender', 'birth_date', 'city', 'province', 'country', 'signup_date', 'membership_level', 'acquisition_channel', 'occupation', 'income_band'];
  for (const r of rows) r.blank = new Set(blankable.filter(() => rand() < BLANK_RATE));

  // Duplicates: about 1 % of the customers listed again at a later row, same attributes but another city.
  const order = rows.map((r, i) => ({ r, key: i }));
  const dupCount = Math.round(rows.length * DUPLICATE_RATE);
  const candidates = rows.map((_, i) => i);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const duplicated = candidates.slice(0, dupCount).sort((a, b) => a - b);
  for (const i of duplicated) {
    const r = rows[i];
    let place;
    if (r.abroad) {
      const cities = ABROAD.find((a) => a[0] === r.country)[3].filter((x) => x[0] !== r.city);
      const [city, province, cityZh, provinceZh] = cities[Math.floor(rand() * cities.length)];
      place = { city, province, cityZh, provinceZh };
    } else {
      do place = chinaCity(pick(rand, [[r.region, 3], ['North', 1], ['South', 1], ['East', 1], ['West', 1]]), 0);
      while (place.city === r.city);
    }
    const blank = new Set(r.blank);
    blank.delete('city');
    if (!r.blank.has('province')) blank.delete('province');
    const later = i + 1 + Math.floor(rand() * Math.min(rows.length - i, 400));
    order.push({ r: { ...r, ...place, blank }, key: later - 0.5 });
  }
  order.sort((a, b) => a.key - b.key);

  const en = [COLUMNS.join(',')];
  const zh = [COLUMNS_ZH.join(',')];
  for (const { r } of order) {
    const get = (col, value) => (r.blank.has(col) ? null : value);
    en.push(COLUMNS.map((col) => csvField(get(col, r[col]))).join(','));
    zh.push([
      r.customer_id, get('gender', GENDER[r.gender]), get('birth_date', r.birth_date), get('city', r.cityZh),
      get('province', r.provinceZh), get('country', r.countryZh), get('signup_date', r.signup_date),
      get('membership_level', LEVEL_ZH[r.membership_level]), get('acquisition_channel', ACQUISITION_ZH[r.acquisition_channel]),
      get('occupation', r.occupationZh), get('income_band', r.incomeZh),
    ].map(csvField).join(','));
  }
  writeFileSync(targets.en, en.join('\n') + '\n');
  writeFileSync(targets.zh, zh.join('\n') + '\n');
  return {
    rows: order.length,
    customers: rows.length,
    duplicated: duplicated.map((i) => rows[i].customer_id),
    unmatched: rows.filter((r) => r.customer.unmatched).map((r) => r.customer_id),
  };
}

/** Whole years from `birth` to `day` (both UTC midnights). */
function ageAt(birth, day) {
  const b = new Date(birth), d = new Date(day);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}
