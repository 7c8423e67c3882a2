/**
 * Stop words of the comment term counts (terms.ts): words that carry no topic of their own. Compared with the
 * lower-cased, NFKC-normalised token (straight apostrophes).
 */

/** English function words: articles, pronouns, auxiliaries, prepositions, conjunctions and their contractions. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between
  both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
  further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
  how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most much my myself no nor not of
  off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't
  so some such than that that's the their theirs them themselves then there there's these they they'd they'll they're
  they've this those through to too under until up us very was wasn't we we'd we'll we're we've were weren't what
  what's when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd
  you'll you're you've your yours yourself yourselves also get got im ive dont didnt doesnt wasnt isnt cant wont one
  really even still yet ever every lot lots thing things within without around across upon onto via per among
  toward towards since let`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Chinese function words: particles, pronouns, conjunctions, prepositions, auxiliaries, degree adverbs and filler words,
 * as whole words and as the single characters ICU leaves when it splits an unknown word.
 */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  `的 地 得 了 着 过 是 在 我 你 您 他 她 它 也 很 都 就 和 与 跟 同 及 或 有 这 那 个 吗 呢 吧 啊 呀 哦 嗯 哈 啦 嘛 么 哇
  喔 噢 诶 哎 唉 把 被 让 给 对 从 向 往 自 于 以 为 而 且 并 但 又 再 才 只 还 会 能 要 想 可 将 该 等 之 其 此 每 各
  某 些 去 来 说 用 做 次 件 位 点 种 一 二 三 太 真 超 蛮 最 更 非常 特别 比较 十分 相当
  有点 有些 一点 一些 一下 一直 一个 一样 我们 你们 他们 她们 它们 咱们 大家 自己 我的 你的 他的 她的 它的
  我们的 这个 那个 这些 那些 这样 那样 这么 那么 这里 那里 这边 那边 什么 怎么 怎么样 为什么 哪 哪里 哪个 因为 所以
  如果 虽然 但是 可是 不过 然后 而且 并且 或者 还是 还有 就是 也是 都是 只是 不是 就是说 已经 正在 可以 可能 应该 需要
  觉得 感觉 认为 一起 其实 真的 确实 总是 总之 反正 然而 以及 对于 关于 为了 除了 通过 根据 之后 之前 时候 的话 东西
  还行 没有 很多 好像 有的 只有 第一 第二 第三`
    .split(/\s+/)
    .filter(Boolean),
);

export function isStopWord(term: string): boolean {
  return ENGLISH_STOP_WORDS.has(term) || CHINESE_STOP_WORDS.has(term);
}
