import { detectRoles, normalizeHeader } from './roles';

/** What a column of a customer file is. */
export const CUSTOMER_ROLES = ['customer_id', 'gender', 'birth_date', 'age', 'city', 'province', 'country', 'signup_date', 'membership_level',
  'acquisition_channel', 'occupation', 'income_band'] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];

export type CustomerMapping = Record<CustomerRole, string | null> & {
  /** Every other column: kept as a free attribute. */
  free: string[];
};

const SYNONYMS: Record<CustomerRole, string[]> = {
  customer_id: ['customerid', 'customer', 'custid', 'clientid', 'userid', 'memberid', 'id', '客户id', '客户编号', '客户', '会员id', '会员编号', '用户id', '用户', '顾客id'],
  gender: ['gender', 'sex', '性别'],
  birth_date: ['birthdate', 'dateofbirth', 'dob', 'birthday', 'birth', '出生日期', '生日', '出生年月'],
  age: ['age', '年龄'],
  city: ['city', 'town', '城市', '所在城市'],
  province: ['province', 'state', 'region', '省份', '省', '地区', '所在省份'],
  country: ['country', 'nation', 'countryname', '国家', '国家地区'],
  signup_date: ['signupdate', 'registrationdate', 'registerdate', 'joindate', 'joined', 'createdat', 'signup', 'firstseen', '注册日期', '注册时间', '入会日期'],
  membership_level: ['membershiplevel', 'membership', 'tier', 'level', 'memberlevel', 'loyaltytier', '会员等级', '会员级别', '等级'],
  acquisition_channel: ['acquisitionchannel', 'channel', 'source', 'signupchannel', 'referral', '获客渠道', '注册渠道', '渠道', '来源'],
  occupation: ['occupation', 'job', 'profession', 'jobtitle', '职业', '工作'],
  income_band: ['incomeband', 'income', 'incomelevel', 'salary', '收入', '收入水平', '月收入', '年收入'],
};

/** Detects a customer file's roles from its headers (English and Chinese); other columns become free attributes. */
export function detectCustomers(headers: string[]): CustomerMapping {
  const m = Object.fromEntries(CUSTOMER_ROLES.map((r) => [r, null])) as Record<CustomerRole, string | null>;
  const norm = headers.map(normalizeHeader);
  const taken = new Set<string>();
  for (const exact of [true, false]) {
    for (const role of CUSTOMER_ROLES) {
      if (m[role]) continue;
      let best: { i: number; rank: number } | null = null;
      norm.forEach((h, i) => {
        if (taken.has(headers[i]!)) return;
        const rank = SYNONYMS[role].findIndex((s) => (exact ? h === s : s.length >= 4 && h.includes(s)));
        if (rank >= 0 && (!best || rank < best.rank)) best = { i, rank };
      });
      if (best) taken.add((m[role] = headers[(best as { i: number }).i]!));
    }
  }
  return { ...m, free: headers.filter((h) => !taken.has(h)) };
}

/**
 * True when a file is one row per customer with attributes: a customer id unique in the sample, two attributes or
 * more, and no transaction amount or order date.
 */
export function looksLikeCustomers(headers: string[], rows: string[][]): boolean {
  const m = detectCustomers(headers);
  if (!m.customer_id) return false;
  const known = CUSTOMER_ROLES.filter((r) => r !== 'customer_id' && m[r]).length;
  const tx = detectRoles(headers, rows);
  const money = !!tx.amount && /amount|revenue|sales|total|spend|price|金额|销售|消费|支付|付款|成交|价/i.test(normalizeHeader(tx.amount));
  const i = headers.indexOf(m.customer_id);
  const ids = rows.map((r) => r[i]?.trim() ?? '').filter(Boolean);
  const unique = ids.length > 0 && new Set(ids).size >= ids.length * 0.8;
  return known >= 2 && !money && !tx.quantity && unique;
}
