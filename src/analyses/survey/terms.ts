/**
 * Term frequency of survey comments, per group (a touchpoint, an NPS category…): which words the comments use, how
 * often, and in what share of the group's comments. Pure TypeScript on the built-in `Intl.Segmenter` (word
 * granularity), which segments Chinese with ICU's dictionary in Node and in Chromium — nothing to download.
 *
 * A term is a word-like segment, NFKC-normalised and lower-cased, that is not a stop word (stop-words.ts) nor a pure
 * number. Chinese needs a few repairs of ICU's output, so the terms read as a person would list them:
 *  - ICU splits words missing from its dictionary into single characters (客服 → 客 服, 发货 → 发 货). Adjacent single
 *    Han characters that are not stop words are joined again (runs of 2–4; longer runs are left as characters).
 *  - A degree adverb glued to a one-character adjective is dropped (很慢 / 太慢 / 好慢 → 慢, 很好 → 好, 真贵 → 贵), and so
 *    is a trailing 了 / 啦 (贵了 → 贵). Only in front of the adjectives of SINGLE_CHARACTER_TERMS, so 太阳 and 超市 stay.
 *  - A negation (不, 没, 没有, also 也没 / 都不…) is joined to the word after it (不 满意 → 不满意), so that a
 *    complaint is not counted as praise.
 * Single characters are dropped (a Latin letter, a digit, a Chinese character on its own says little), except the
 * short allow-list SINGLE_CHARACTER_TERMS of Chinese one-character judgements (好 差 快 慢 贵 破 …).
 */
import { isStopWord } from './stop-words';

/** One-character Chinese words kept as terms: judgements of quality, speed, price, condition. */
export const SINGLE_CHARACTER_TERMS: ReadonlySet<string> = new Set(
  `好 差 快 慢 贵 烂 坏 破 脏 旧 新 美 香 甜 酸 苦 咸 淡 硬 软 大 小 高 低 冷 热 乱 吵 丑 假 错 难 累 烦 赞 棒 值 亏 退 换 修 准 稳 薄 厚 重 轻`.split(' '),
);

const DEGREE_PREFIXES = ['非常', '特别', '有点', '有些', '比较', '十分', '相当', '超级', '很', '太', '挺', '真', '超', '好', '蛮', '最', '更', '够', '极'];
const TRAILING_PARTICLES = /[了啦]$/u;
const NEGATIONS = new Set(['不', '没', '没有']);
const HAN = /^\p{Script=Han}+$/u;
const SINGLE_HAN = /^\p{Script=Han}$/u;
const NUMBER = /^[\p{N}.,:/%+\-]+$/u;
const MAX_RUN = 4;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

interface Piece {
  text: string;
  start: number;
  end: number;
}

/** 很慢 → 慢, 贵了 → 贵, 也没 → 没; anything else unchanged. */
function normaliseHan(word: string): string {
  let w = word.length > 1 ? word.replace(TRAILING_PARTICLES, '') : word;
  if (w.length > 1 && /^[也都]/u.test(w) && NEGATIONS.has(w.slice(1))) return w.slice(1);
  for (const p of DEGREE_PREFIXES) {
    if (w.length > p.length && w.startsWith(p) && SINGLE_CHARACTER_TERMS.has(w.slice(p.length))) {
      w = w.slice(p.length);
      break;
    }
  }
  return w;
}

function normaliseLatin(word: string, locale: string | undefined): string {
  const w = locale ? word.toLocaleLowerCase(locale) : word.toLowerCase();
  return w.replace(/[\u2018\u2019\u02bc]/gu, "'").replace(/'s$/u, '');
}

function keep(term: string): boolean {
  if (!term || isStopWord(term) || NUMBER.test(term)) return false;
  if ([...term].length === 1) return SINGLE_CHARACTER_TERMS.has(term);
  return true;
}

/**
 * The terms of one comment, in order, repeats included (a term said twice counts twice). `locale` is handed to
 * `Intl.Segmenter` and to lower-casing; ICU segments Chinese by dictionary whatever the locale.
 */
export function tokenize(text: string, locale?: string): string[] {
  if (!text) return [];
  const source = text.normalize('NFKC');
  const words: Piece[] = [];
  for (const s of segmenter(locale ?? 'zh').segment(source)) {
    if (s.isWordLike) words.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
  }

  // Join runs of adjacent single Han characters that are not stop words (ICU's split of an unknown word).
  const joinable = (p: Piece) => SINGLE_HAN.test(p.text) && !isStopWord(p.text) && !NEGATIONS.has(p.text);
  const pieces: Piece[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i + 1;
    if (joinable(words[i])) while (j < words.length && joinable(words[j]) && words[j].start === words[j - 1].end) j++;
    const run = words.slice(i, j);
    if (run.length > 1 && run.length <= MAX_RUN) {
      pieces.push({ text: run.map((p) => p.text).join(''), start: run[0].start, end: run[run.length - 1].end });
    } else pieces.push(...run);
    i = j;
  }

  const terms: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!HAN.test(piece.text)) {
      const t = normaliseLatin(piece.text, locale);
      if (keep(t)) terms.push(t);
      continue;
    }
    let t = normaliseHan(piece.text);
    const next = pieces[i + 1];
    if (NEGATIONS.has(t) && next && next.start === piece.end && HAN.test(next.text)) {
      const after = normaliseHan(next.text);
      if (!isStopWord(after)) {
        t += after;
        i++;
      }
    }
    if (keep(t)) terms.push(t);
  }
  return terms;
}

export interface TermRow {
  group: string;
  term: string;
  /** Occurrences of the term in the group's comments. */
  count: number;
  /** Comments of the group containing the term / comments of the group with any text, 4 decimals. */
  share_of_comments: number;
}

interface GroupCounts {
  comments: number;
  terms: Map<string, { count: number; comments: number }>;
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Accumulates term counts per group, one comment at a time. */
export class TermCounter {
  private readonly groups = new Map<string, GroupCounts>();

  constructor(private readonly locale?: string) {}

  /** Counts one comment; a blank (or missing) comment is ignored and does not count as a comment of the group. */
  add(group: string, comment: string | null | undefined): void {
    if (comment == null || !comment.trim()) return;
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = { comments: 0, terms: new Map() }));
    g.comments++;
    const seen = new Set<string>();
    for (const term of tokenize(comment, this.locale)) {
      let t = g.terms.get(term);
      if (!t) g.terms.set(term, (t = { count: 0, comments: 0 }));
      t.count++;
      if (!seen.has(term)) {
        seen.add(term);
        t.comments++;
      }
    }
  }

  /** Comments of the group with any text (terms or not); 0 for a group never seen. */
  comments(group: string): number {
    return this.groups.get(group)?.comments ?? 0;
  }

  /** The groups seen, sorted. */
  groupNames(): string[] {
    return [...this.groups.keys()].sort(byText);
  }

  /** The `top` most frequent terms of each group: by group, then count descending, then term. */
  result(top = 50): TermRow[] {
    const rows: TermRow[] = [];
    for (const group of this.groupNames()) {
      const g = this.groups.get(group)!;
      const ranked = [...g.terms].sort(([a, x], [b, y]) => y.count - x.count || byText(a, b)).slice(0, Math.max(0, top));
      for (const [term, t] of ranked) rows.push({ group, term, count: t.count, share_of_comments: round4(t.comments / g.comments) });
    }
    return rows;
  }
}

export interface CountTermsOptions {
  signal?: AbortSignal;
  /** Called after each chunk (and within a long one) with the number of rows processed so far. */
  onProgress?: (rows: number) => void;
  /** Terms kept per group (default 50). */
  top?: number;
  locale?: string;
}

/** Longest stretch of counting, in ms, before giving the event loop a turn. */
const SLICE_MS = 12;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
}

/**
 * Counts the terms of chunks of rows (e.g. pages of a query), yielding to the event loop after every chunk and within
 * a chunk whenever counting has run for SLICE_MS, so no task on the main thread runs long. Aborted → rejects with an
 * Error named 'AbortError'.
 */
export async function countTermsInChunks(
  rows: AsyncIterable<{ group: string; comment: string | null }[]> | Iterable<{ group: string; comment: string | null }[]>,
  opts: CountTermsOptions = {},
): Promise<TermRow[]> {
  const { signal, onProgress } = opts;
  const counter = new TermCounter(opts.locale);
  let done = 0;
  throwIfAborted(signal);
  for await (const chunk of rows) {
    throwIfAborted(signal);
    let sliceStart = now();
    for (const row of chunk) {
      counter.add(row.group, row.comment);
      done++;
      if (now() - sliceStart > SLICE_MS) {
        onProgress?.(done);
        await pause();
        throwIfAborted(signal);
        sliceStart = now();
      }
    }
    onProgress?.(done);
    await pause();
    throwIfAborted(signal);
  }
  return counter.result(opts.top);
}
