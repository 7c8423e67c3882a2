import { describe, expect, it } from 'vitest';
import { TermCounter, countTermsInChunks, tokenize } from './terms';

// Expected terms are a reading of the text. ICU (Node 20, ICU 78) segments e.g. 物流很慢，客服态度很好 as
// 物流 | 很慢 | 客 | 服 | 态度 | 很好; the repairs of terms.ts (degree adverbs, re-joined single characters) give the reading.

describe('tokenize', () => {
  it('lower-cases English and drops stop words, numbers and single letters', () => {
    expect(tokenize('The delivery was slow, very slow!')).toEqual(['delivery', 'slow', 'slow']);
    expect(tokenize("It's the BEST, the best!!! 10/10 a b 3.5 x")).toEqual(['best', 'best']);
    expect(tokenize('Don’t buy: the company’s support never answered')).toEqual(['buy', 'company', 'support', 'never', 'answered']);
  });

  it('segments Chinese into words', () => {
    expect(tokenize('物流很慢，客服态度很好')).toEqual(['物流', '慢', '客服', '态度', '好']);
    expect(tokenize('价格太贵了，包装也破了')).toEqual(['价格', '贵', '包装', '破']);
    expect(tokenize('我觉得这个东西的质量很好')).toEqual(['质量', '好']);
    expect(tokenize('售后服务很差')).toEqual(['售后', '服务', '差']);
  });

  it('keeps a negation with its word', () => {
    expect(tokenize('质量差，不推荐')).toEqual(['质量', '差', '不推荐']);
    expect(tokenize('非常不满意')).toEqual(['不满意']);
  });

  it('keeps words that only look like a degree adverb and an adjective', () => {
    expect(tokenize('太阳 超市')).toEqual(['太阳', '超市']);
  });

  it('handles a mixed-language comment', () => {
    expect(tokenize('App很好用, 但是 delivery 太慢')).toEqual(['app', '好', 'delivery', '慢']);
    expect(tokenize('Ｄｅｌｉｖｅｒｙ很快，客服 great')).toEqual(['delivery', '快', '客服', 'great']);
  });

  it('returns nothing for blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  ... !!! ')).toEqual([]);
  });
});

describe('TermCounter', () => {
  it('counts occurrences and the share of comments containing the term, per group', () => {
    const c = new TermCounter();
    c.add('detractor', 'The delivery was slow, very slow!'); // delivery, slow, slow
    c.add('detractor', 'Slow support, and the delivery was late.'); // slow, support, delivery, late
    c.add('detractor', '   '); // blank: not a comment
    c.add('detractor', ''); // blank: not a comment
    c.add('detractor', '...'); // text without terms: a comment
    c.add('promoter', 'Fast delivery and friendly support'); // fast, delivery, friendly, support
    c.add('promoter', 'Friendly staff, fast fast fast'); // friendly, staff, fast ×3
    expect(c.comments('detractor')).toBe(3);
    expect(c.comments('promoter')).toBe(2);
    expect(c.comments('passive')).toBe(0);
    expect(c.result()).toEqual([
      { group: 'detractor', term: 'slow', count: 3, share_of_comments: 0.6667 },
      { group: 'detractor', term: 'delivery', count: 2, share_of_comments: 0.6667 },
      { group: 'detractor', term: 'late', count: 1, share_of_comments: 0.3333 },
      { group: 'detractor', term: 'support', count: 1, share_of_comments: 0.3333 },
      { group: 'promoter', term: 'fast', count: 4, share_of_comments: 1 },
      { group: 'promoter', term: 'friendly', count: 2, share_of_comments: 1 },
      { group: 'promoter', term: 'delivery', count: 1, share_of_comments: 0.5 },
      { group: 'promoter', term: 'staff', count: 1, share_of_comments: 0.5 },
      { group: 'promoter', term: 'support', count: 1, share_of_comments: 0.5 },
    ]);
    expect(c.result(2).map((r) => `${r.group}:${r.term}`)).toEqual(['detractor:slow', 'detractor:delivery', 'promoter:fast', 'promoter:friendly']);
  });

  it('counts Chinese and mixed comments', () => {
    const c = new TermCounter();
    c.add('低分', '物流很慢，客服态度很差'); // 物流 慢 客服 态度 差
    c.add('低分', '价格太贵了，物流也慢'); // 价格 贵 物流 慢
    c.add('低分', '快递太慢了 slow delivery'); // 快递 慢 slow delivery
    c.add('低分', null);
    c.add('高分', '客服态度很好，物流很快'); // 客服 态度 好 物流 快
    expect(c.comments('低分')).toBe(3);
    expect(c.result()).toEqual([
      { group: '低分', term: '慢', count: 3, share_of_comments: 1 },
      { group: '低分', term: '物流', count: 2, share_of_comments: 0.6667 },
      { group: '低分', term: 'delivery', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: 'slow', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: '价格', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: '客服', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: '差', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: '快递', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: '态度', count: 1, share_of_comments: 0.3333 },
      { group: '低分', term: '贵', count: 1, share_of_comments: 0.3333 },
      { group: '高分', term: '好', count: 1, share_of_comments: 1 },
      { group: '高分', term: '客服', count: 1, share_of_comments: 1 },
      { group: '高分', term: '快', count: 1, share_of_comments: 1 },
      { group: '高分', term: '态度', count: 1, share_of_comments: 1 },
      { group: '高分', term: '物流', count: 1, share_of_comments: 1 },
    ]);
  });
});

describe('countTermsInChunks', () => {
  const chunks = [
    [
      { group: 'a', comment: 'slow delivery' },
      { group: 'b', comment: 'fast delivery' },
    ],
    [
      { group: 'a', comment: 'very slow' },
      { group: 'a', comment: '' },
    ],
    [{ group: 'b', comment: '物流很快' }],
  ];

  it('counts like TermCounter, reporting progress after each chunk', async () => {
    const progress: number[] = [];
    const rows = await countTermsInChunks(chunks, { onProgress: (n) => progress.push(n) });
    const c = new TermCounter();
    for (const chunk of chunks) for (const r of chunk) c.add(r.group, r.comment);
    expect(rows).toEqual(c.result());
    expect(rows.filter((r) => r.group === 'a')).toEqual([
      { group: 'a', term: 'slow', count: 2, share_of_comments: 1 },
      { group: 'a', term: 'delivery', count: 1, share_of_comments: 0.5 },
    ]);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('reads an async iterable and gives the event loop a turn between chunks', async () => {
    let timerRan = false;
    const seen: boolean[] = [];
    async function* pages() {
      for (const chunk of chunks) {
        seen.push(timerRan);
        yield chunk;
      }
    }
    setTimeout(() => (timerRan = true), 0);
    const rows = await countTermsInChunks(pages(), { top: 1 });
    expect(seen).toEqual([false, true, true]);
    expect(rows.map((r) => `${r.group}:${r.term}`)).toEqual(['a:slow', 'b:delivery']);
  });

  it('rejects with an AbortError when aborted', async () => {
    const pre = new AbortController();
    pre.abort();
    await expect(countTermsInChunks(chunks, { signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const mid = new AbortController();
    const progress: number[] = [];
    const err = await countTermsInChunks(chunks, {
      signal: mid.signal,
      onProgress: (n) => {
        progress.push(n);
        mid.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('AbortError');
    expect(progress).toEqual([2]);
  });
});
