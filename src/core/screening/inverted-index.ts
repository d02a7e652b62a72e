import type { Token } from './normalize.js';
import { CLASS_WEIGHT, joinable, MAX_JOIN } from './score.js';
import { EXACT_ONLY_MAX_LENGTH } from './similarity.js';

/** Tokens shorter than this get no typo keys: they match only exactly (see tokenSimilarity). */
const TYPO_MIN_LENGTH = EXACT_ONLY_MAX_LENGTH + 1;
/**
 * A query without a distinctive word ("Semiconductor Mfg Intl Corp", 国家超级计算无锡中心) is looked up by its
 * place and descriptor words: a name must hold all of them when there are one or two, else this share of them,
 * and at most WEAK_CANDIDATE_BUDGET names (those sharing the most) are scored.
 */
const WEAK_SHARE = 0.6;
/**
 * A query's joined syllables that spell a place or descriptor ("zhong"+"ke" = Zhongke) find the names holding it
 * only when they are this few: "bei"+"jing" would otherwise pull in every Beijing name, none of which a place
 * alone can carry to the review threshold.
 */
const WEAK_JOIN_LIMIT = 200;
const WEAK_CANDIDATE_BUDGET = 1000;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** The runs the scorer may join, starting at token i (see tokenAgreement). */
function joinedRuns(tokens: readonly Token[], i: number): string[] {
  const out: string[] = [];
  if (!joinable(tokens[i]!)) return out;
  let joined = tokens[i]!.raw;
  for (let n = 2; n <= MAX_JOIN && i + n <= tokens.length; n++) {
    const next = tokens[i + n - 1]!;
    if (!joinable(next)) break;
    joined += next.raw;
    out.push(joined);
  }
  return out;
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

function pushKey(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/**
 * Inverted index from name keys to the names (by number) that hold them, so a query scores only names that share
 * something with it instead of every entry. Keys:
 * - distinctive tokens, canonical and surface form (`huawei`, `langchao`);
 * - joined runs of 2-3 adjacent short distinctive tokens (`pengxinwei`), for syllables spaced differently;
 * - one-deletion variants of distinctive tokens (symmetric deletion: two words one edit apart always share a
 *   variant, so every typo the scorer accepts is found);
 * - place and descriptor tokens, separately, used only when a query has nothing distinctive (a query with a
 *   distinctive word that no name shares cannot reach the review threshold on its weak words alone).
 */
export class NameIndex {
  private readonly strong = new Map<string, number[]>();
  private readonly weak = new Map<string, number[]>();
  /** Joined runs of a name's adjacent short tokens ("peng"+"xin"+"wei" -> "pengxinwei"). */
  private readonly joined = new Map<string, number[]>();
  /** Deletion variant -> distinctive keys it comes from. */
  private readonly deletionKeys = new Map<string, string[]>();
  /** Per name, the number of the last query that collected it: dedupes candidates without a Set per query. */
  private seen = new Uint32Array(1024);
  private query = 0;

  add(id: number, tokens: readonly Token[]): void {
    if (id >= this.seen.length) {
      const grown = new Uint32Array(Math.max(id + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.cls !== 'distinctive') {
        push(this.weak, t.text, id);
      } else {
        for (const key of t.raw === t.text ? [t.text] : [t.text, t.raw]) {
          push(this.strong, key, id);
          if (key.length >= TYPO_MIN_LENGTH) for (const d of deletions(key)) pushKey(this.deletionKeys, d, key);
        }
      }
      for (const run of joinedRuns(tokens, i)) push(this.joined, run, id);
    }
  }

  /** Whether some name holds this word, or (for words long enough to have typos) a word one edit from it. */
  holdsOrNear(word: string): boolean {
    if (this.strong.has(word) || this.weak.has(word) || this.joined.has(word)) return true;
    if (word.length < TYPO_MIN_LENGTH) return false;
    if (this.deletionKeys.has(word)) return true;
    return deletions(word).some((d) => this.strong.has(d) || this.deletionKeys.has(d));
  }

  /** Posting lists of the names holding this distinctive word or a word one edit from it. */
  private postingsOf(t: Token): number[][] {
    const lists: number[][] = [];
    const seen = new Set<string>();
    const take = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const list = this.strong.get(key);
      if (list) lists.push(list);
    };
    for (const key of t.raw === t.text ? [t.text] : [t.text, t.raw]) {
      take(key);
      if (key.length < TYPO_MIN_LENGTH) continue;
      for (const k of this.deletionKeys.get(key) ?? []) take(k);
      for (const d of deletions(key)) {
        take(d);
        for (const k of this.deletionKeys.get(d) ?? []) take(k);
      }
    }
    return lists;
  }

  /**
   * Numbers of the names that could score at least `review` against the query tokens. Distinctive words are
   * looked up rarest first, and only while the words not yet looked up could still carry a name to `review`: a
   * name found by none of the looked-up words leaves them all unmatched, so its score is at most 2W / (2W + U),
   * W the matched weight of all other query words and U the cost of the looked-up ones (see tokenAgreement).
   * Once that bound is below `review` the common words need no lookup. Joined runs are always looked up.
   */
  candidates(tokens: readonly Token[], review: number): number[] {
    const out: number[] = [];
    if (this.query === 0xffffffff) {
      this.seen.fill(0);
      this.query = 0;
    }
    const stamp = ++this.query;
    const seen = this.seen;
    const add = (list: readonly number[]) => {
      for (const id of list) {
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        out.push(id);
      }
    };
    let unlooked = 0;
    const distinctive: { t: Token; lists: number[][]; size: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      unlooked += CLASS_WEIGHT[t.cls].matched;
      if (t.cls === 'distinctive') {
        const lists = this.postingsOf(t);
        distinctive.push({ t, lists, size: lists.reduce((n, l) => n + l.length, 0) });
      }
      // Joins are exact, and looked up whatever the words' rarity: a name's joined run spelling a query word, and
      // a query's joined run spelling a name's word (a common place or descriptor only when few names hold it).
      add(this.joined.get(t.text) ?? []);
      if (t.raw !== t.text) add(this.joined.get(t.raw) ?? []);
      for (const run of joinedRuns(tokens, i)) {
        add(this.strong.get(run) ?? []);
        const weak = this.weak.get(run);
        if (weak && weak.length <= WEAK_JOIN_LIMIT) add(weak);
      }
    }
    distinctive.sort((a, b) => a.size - b.size);
    let lookedUpCost = 0;
    for (const d of distinctive) {
      if (lookedUpCost > 0 && (2 * unlooked) / (2 * unlooked + lookedUpCost) < review) break;
      for (const list of d.lists) add(list);
      unlooked -= CLASS_WEIGHT[d.t.cls].matched;
      lookedUpCost += CLASS_WEIGHT[d.t.cls].unmatched;
    }
    if (distinctive.length === 0) add(this.weakCandidates(tokens));
    return out;
  }

  private weakCandidates(tokens: readonly Token[]): number[] {
    const words = [...new Set(tokens.map((t) => t.text))];
    const needed = words.length <= 2 ? words.length : Math.ceil(words.length * WEAK_SHARE);
    const shared = new Map<number, number>();
    for (const w of words) for (const id of this.weak.get(w) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const found = [...shared].filter(([, n]) => n >= needed);
    if (found.length > WEAK_CANDIDATE_BUDGET) found.sort((a, b) => b[1] - a[1]).length = WEAK_CANDIDATE_BUDGET;
    return found.map(([id]) => id);
  }
}
