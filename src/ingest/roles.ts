/** What a column of a user's file can mean to the analyses. */
export const ROLES = [
  'customer_id',
  'order_date',
  'amount',
  'order_id',
  'quantity',
  'unit_price',
  'product',
  'category',
  'channel',
  'region',
  'payment',
] as const;
export type Role = (typeof ROLES)[number];

/** Column name per role; null when the file has no such column. */
export type Mapping = Record<Role, string | null>;

/** Headers per role, normalised (lower case, no spaces, underscores, dashes or dots), best first. */
const SYNONYMS: Record<Role, string[]> = {
  customer_id: ['customerid', 'customer', 'custid', 'customerno', 'customernumber', 'customercode', 'clientid', 'client',
    'userid', 'user', 'memberid', 'member', 'buyerid', 'buyer', 'accountid', 'cid', '客户id', '客户编号', '客户号', '客户',
    '会员id', '会员编号', '会员', '用户id', '用户编号', '用户', '顾客id', '顾客编号', '顾客', '买家id', '买家'],
  order_date: ['orderdate', 'date', 'invoicedate', 'purchasedate', 'transactiondate', 'orderdatetime', 'ordertime',
    'datetime', 'timestamp', 'createdat', 'orderedat', 'purchasetime', 'time', 'day', '下单日期', '订单日期', '日期',
    '下单时间', '购买日期', '交易日期', '付款时间', '支付时间', '订单时间', '时间'],
  amount: ['amount', 'revenue', 'sales', 'totalamount', 'total', 'ordervalue', 'orderamount', 'ordertotal', 'dollarvalue',
    'value', 'spend', 'netsales', 'grandtotal', 'saleamount', 'salesamount', 'paidamount', 'paymentamount', '金额',
    '实付金额', '销售额', '订单金额', '消费金额', '实收金额', '支付金额', '总金额', '付款金额', '成交金额', '销售金额'],
  order_id: ['orderid', 'order', 'invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'transactionid', 'orderno',
    'ordernumber', 'receiptid', 'receiptno', 'txnid', '订单号', '订单id', '订单编号', '单号', '交易号'],
  quantity: ['quantity', 'qty', 'units', 'numberofcds', 'cds', 'numberofitems', 'items', '数量', '购买数量', '件数', '销量'],
  unit_price: ['unitprice', 'price', 'itemprice', 'priceeach', '单价', '价格', '商品单价'],
  product: ['product', 'productname', 'description', 'item', 'itemname', 'sku', 'productid', 'stockcode', '商品',
    '商品名称', '产品', '产品名称', '商品id', '商品编号'],
  category: ['category', 'productcategory', 'categoryname', 'producttype', '类别', '品类', '分类', '商品类别', '商品分类'],
  channel: ['channel', 'saleschannel', 'source', 'platform', 'store', '渠道', '销售渠道', '来源', '平台'],
  region: ['region', 'country', 'province', 'state', 'city', 'area', '地区', '省份', '城市', '区域', '国家', '省'],
  payment: ['payment', 'paymentmethod', 'paymenttype', 'paytype', '支付方式', '付款方式'],
};

/** Normalises a header for matching: `Customer ID`, `customer_id` and `CUSTOMER-ID` all become `customerid`. */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-.()（）:：/]+/g, '');
}

const DATE_LIKE = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const NUMBER_LIKE = /^[(\-+]?[$€£¥￥]?\s?\d[\d,. ]*\)?(元)?$/;

function share(values: string[], test: (v: string) => boolean): number {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 ? 0 : filled.filter((v) => test(v.trim())).length / filled.length;
}

/**
 * Detects the role of each column from its header (English and Chinese names) and, where the header says
 * nothing, from sample values. Each column takes at most one role.
 */
export function detectRoles(headers: string[], sample: string[][]): Mapping {
  const mapping = Object.fromEntries(ROLES.map((r) => [r, null])) as Mapping;
  const taken = new Set<string>();
  const normalized = headers.map(normalizeHeader);
  // Exact synonyms first (ranked by the synonym's position), then headers that contain a synonym.
  for (const exact of [true, false]) {
    for (const role of ROLES) {
      if (mapping[role]) continue;
      let best: { col: string; rank: number } | null = null;
      normalized.forEach((h, i) => {
        if (taken.has(headers[i])) return;
        const rank = SYNONYMS[role].findIndex((s) => (exact ? h === s : s.length >= 4 && h.includes(s)));
        if (rank >= 0 && (!best || rank < best.rank)) best = { col: headers[i], rank };
      });
      if (best) {
        mapping[role] = (best as { col: string }).col;
        taken.add(mapping[role]!);
      }
    }
  }
  const column = (i: number) => sample.map((row) => row[i] ?? '');
  if (!mapping.order_date) {
    const i = headers.findIndex((h, i) => !taken.has(h) && share(column(i), (v) => DATE_LIKE.test(v)) >= 0.8);
    if (i >= 0) taken.add((mapping.order_date = headers[i]));
  }
  if (!mapping.amount && !(mapping.quantity && mapping.unit_price)) {
    const i = headers.findIndex((h, i) => !taken.has(h) && share(column(i), (v) => NUMBER_LIKE.test(v) && /[.,]\d{1,2}\)?$/.test(v)) >= 0.8);
    if (i >= 0) taken.add((mapping.amount = headers[i]));
  }
  return mapping;
}

/** The roles a mapping lacks to be analysable: a customer, a date, and an amount (or quantity and unit price). */
export function missingRoles(m: Mapping): Role[] {
  const missing: Role[] = [];
  if (!m.customer_id) missing.push('customer_id');
  if (!m.order_date) missing.push('order_date');
  if (!m.amount && !(m.quantity && m.unit_price)) missing.push('amount');
  return missing;
}
