import type { EventRole } from '../analyses/events/schema';
import { normalizeHeader } from './roles';
import { cleanHeaders, type Sniffed } from './sniff';

/** How an event file's timestamps are written. */
export type TimeFormat = 'unix_s' | 'unix_ms' | 'text';

export interface EventMapping {
  user_id: string | null;
  timestamp: string | null;
  event_type: string | null;
  item: string | null;
  category: string | null;
  page: string | null;
  session_id: string | null;
  device: string | null;
  channel: string | null;
  amount: string | null;
  timeFormat: TimeFormat;
  /** The funnel role of each event type seen (types not listed are `other`). */
  types: Record<string, EventRole>;
}

export const EVENT_COLUMN_ROLES = ['user_id', 'timestamp', 'event_type', 'item', 'category', 'page', 'session_id', 'device', 'channel', 'amount'] as const;
export type EventColumnRole = (typeof EVENT_COLUMN_ROLES)[number];

const SYNONYMS: Record<EventColumnRole, string[]> = {
  user_id: ['userid', 'user', 'uid', 'visitorid', 'visitor', 'customerid', 'customer', 'memberid', 'distinctid', 'deviceid', '用户id', '用户', '用户编号', '会员id', '访客id', '客户id'],
  timestamp: ['timestamp', 'eventtime', 'time', 'ts', 'datetime', 'eventtimestamp', 'createdat', 'date', 'occurredat', '时间戳', '时间', '行为时间', '发生时间', '日期'],
  event_type: ['behaviortype', 'behaviourtype', 'behavior', 'behaviour', 'eventtype', 'event', 'eventname', 'action', 'type', '行为类型', '行为', '事件', '事件类型', '操作'],
  item: ['itemid', 'item', 'productid', 'product', 'sku', 'goodsid', '商品id', '商品', '商品编号', '产品'],
  category: ['categoryid', 'category', 'cat', 'catid', '类目id', '类目', '品类', '分类', '商品类目'],
  page: ['page', 'pagename', 'screen', 'screenname', 'url', 'path', '页面', '页面名称'],
  session_id: ['sessionid', 'session', '会话id', '会话'],
  device: ['device', 'devicetype', 'platform', 'os', '设备', '设备类型', '终端'],
  channel: ['channel', 'source', 'utmsource', 'referrer', '渠道', '来源'],
  amount: ['amount', 'revenue', 'price', 'value', 'ordervalue', '金额', '支付金额', '价格'],
};

const ROLE_WORDS: Record<Exclude<EventRole, 'other'>, string[]> = {
  view: ['pv', 'view', 'pageview', 'page_view', 'viewitem', 'view_item', 'click', 'impression', 'browse', 'visit', '浏览', '点击', '查看'],
  favourite: ['fav', 'favorite', 'favourite', 'collect', 'like', 'wishlist', 'add_to_wishlist', '收藏', '关注'],
  cart: ['cart', 'addtocart', 'add_to_cart', 'add-to-cart', 'addcart', 'basket', '加购', '加入购物车', '购物车'],
  purchase: ['buy', 'purchase', 'order', 'pay', 'payment', 'checkout_complete', 'transaction', '购买', '下单', '支付', '付款'],
};

/** The funnel role of an event type as written (`pv`, `add_to_cart`, 收藏 …); `other` when unknown. */
export function roleOfType(type: string): EventRole {
  const t = type.trim().toLowerCase();
  for (const [role, words] of Object.entries(ROLE_WORDS)) if (words.includes(t)) return role as EventRole;
  return 'other';
}

const UNIX_S = /^1[0-9]{9}$|^9[0-9]{8}$/;
const UNIX_MS = /^1[0-9]{12}$/;
const TEXT_TS = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}/;

function share(values: string[], test: (v: string) => boolean): number {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  return filled.length ? filled.filter(test).length / filled.length : 0;
}

/** A column of a handful of repeated words, most of them known event types: the event type. */
function eventTypeLike(values: string[]): boolean {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  const distinct = new Set(filled.map((v) => v.toLowerCase()));
  if (!filled.length || distinct.size > 30 || (distinct.size > 10 && distinct.size > filled.length / 2)) return false;
  const known = [...distinct].filter((v) => roleOfType(v) !== 'other').length;
  return known >= Math.min(2, distinct.size) && !filled.every((v) => /^-?\d+(\.\d+)?$/.test(v));
}

/**
 * The columns and rows of a file's head for an event log: a file whose first line holds a timestamp (Unix or a
 * date) has no header; its columns are named `column_1` ….
 */
export function eventHead(s: Sniffed): { headers: string[]; rows: string[][]; headerless: boolean } {
  const first = s.headers;
  // No header names a column with a timestamp.
  const headerless = first.some((h) => UNIX_S.test(h) || UNIX_MS.test(h) || TEXT_TS.test(h));
  if (!headerless) return { headers: s.headers, rows: s.sample, headerless };
  return { headers: cleanHeaders(first.map(() => '')), rows: [first, ...s.sample], headerless };
}

/** Detects an event log's roles from its headers (English and Chinese) and its values. */
export function detectEvents(headers: string[], rows: string[][]): EventMapping {
  const column = (i: number) => rows.map((r) => r[i] ?? '');
  const taken = new Set<string>();
  const m = Object.fromEntries(EVENT_COLUMN_ROLES.map((r) => [r, null])) as Record<EventColumnRole, string | null>;
  const norm = headers.map(normalizeHeader);
  const isTime = (i: number) => share(column(i), (v) => UNIX_S.test(v) || UNIX_MS.test(v) || TEXT_TS.test(v)) >= 0.8;
  const isType = (i: number) => eventTypeLike(column(i));
  const fits: Partial<Record<EventColumnRole, (i: number) => boolean>> = { timestamp: isTime, event_type: isType };
  for (const exact of [true, false]) {
    for (const role of EVENT_COLUMN_ROLES) {
      if (m[role]) continue;
      let best: { i: number; rank: number } | null = null;
      norm.forEach((h, i) => {
        if (taken.has(headers[i]!) || (fits[role] && !fits[role]!(i))) return;
        const rank = SYNONYMS[role].findIndex((s) => (exact ? h === s : s.length >= 4 && h.includes(s)));
        if (rank >= 0 && (!best || rank < best.rank)) best = { i, rank };
      });
      if (best) taken.add((m[role] = headers[(best as { i: number }).i]!));
    }
  }
  const free = (test: (i: number) => boolean) => headers.find((h, i) => !taken.has(h) && test(i)) ?? null;
  m.timestamp ??= free(isTime);
  if (m.timestamp) taken.add(m.timestamp);
  m.event_type ??= free(isType);
  if (m.event_type) taken.add(m.event_type);
  // Headerless, in the teaching data set's order: user, item, category, behaviour, time.
  if (!m.user_id && headers[0] && !taken.has(headers[0])) taken.add((m.user_id = headers[0]));
  const ti = m.timestamp ? headers.indexOf(m.timestamp) : -1;
  const times = ti >= 0 ? column(ti) : [];
  const timeFormat: TimeFormat = share(times, (v) => UNIX_MS.test(v)) >= 0.8 ? 'unix_ms' : share(times, (v) => UNIX_S.test(v)) >= 0.8 ? 'unix_s' : 'text';
  if (headers.every((h) => /^column_\d+$/.test(h)) && headers.length >= 5) {
    const rest = headers.filter((h) => !taken.has(h));
    if (!m.item && rest[0]) taken.add((m.item = rest[0]));
    if (!m.category && rest[1]) taken.add((m.category = rest[1]));
  }
  const types: Record<string, EventRole> = {};
  const ei = m.event_type ? headers.indexOf(m.event_type) : -1;
  if (ei >= 0) for (const v of column(ei)) if (v.trim()) types[v.trim()] = roleOfType(v);
  return { ...m, timeFormat, types };
}

export function missingEventRoles(m: EventMapping): ('user_id' | 'timestamp' | 'event_type')[] {
  return (['user_id', 'timestamp', 'event_type'] as const).filter((r) => !m[r]);
}

/** True when the head reads as an event log: a user, a timestamp and an event-type column of known event words. */
export function looksLikeEvents(s: Sniffed): boolean {
  const head = eventHead(s);
  const m = detectEvents(head.headers, head.rows);
  if (missingEventRoles(m).length) return false;
  return Object.values(m.types).filter((r) => r !== 'other').length >= 2;
}
