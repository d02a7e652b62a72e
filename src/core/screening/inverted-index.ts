import type { Token } from './normalize.js';
import { EXACT_ONLY_MAX_LENGTH } from './similarity.js';

/** Tokens shorter than this get no typo keys: they match only exactly (see tokenSimilarity). */
const TYPO_MIN_LENGTH = EXACT_ONLY_MAX_LENGTH + 1;
/** Long tokens may hold two typos, which one-deletion keys miss; a shared prefix finds them. */
const PREFIX_LENGTH = 4;
const PREFIX_MIN_TOKEN_LENGTH = 8;
/** Joined runs of adjacent tokens ("peng xin wei" -> "pengxinwei") get keys up to this many tokens. */
const MAX_JOIN = 3;
/**
 * A query without a distinctive word ("Semiconductor Mfg Intl Corp", 国家超级计算无锡中心) is looked up by its
 * place and descriptor words: a name must hold all of them when there are one or two, else this share of them,
 * and at most WEAK_CANDIDATE_BUDGET names (those sharing the most) are scored.
 */
const WEAK_SHARE = 0.6;
const WEAK_CANDIDATE_BUDGET = 1000;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
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
 * - joined runs of 2-3 adjacent tokens (`pengxinwei`, `zhongkeshuguang`), for syllables spaced differently;
 * - one-deletion variants of distinctive tokens (symmetric deletion: one edit on either side meets one variant);
 * - 4-letter prefixes of long tokens, for two typos in one long word;
 * - place and descriptor tokens, separately, used only when a query has nothing distinctive (a query with a
 *   distinctive word that no name shares cannot reach the review threshold on its weak words alone).
 */
export class NameIndex {
  private readonly strong = new Map<string, number[]>();
  private readonly weak = new Map<string, number[]>();
  /** Deletion variant -> distinctive keys it comes from. */
  private readonly deletionKeys = new Map<string, string[]>();
  private readonly prefixKeys = new Map<string, string[]>();

  add(id: number, tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.cls !== 'distinctive') {
        push(this.weak, t.text, id);
      } else {
        for (const key of t.raw === t.text ? [t.text] : [t.text, t.raw]) {
          push(this.strong, key, id);
          if (key.length >= TYPO_MIN_LENGTH) for (const d of deletions(key)) pushKey(this.deletionKeys, d, key);
          if (key.length >= PREFIX_MIN_TOKEN_LENGTH) pushKey(this.prefixKeys, key.slice(0, PREFIX_LENGTH), key);
        }
      }
      let joined = t.raw;
      for (let n = 2; n <= MAX_JOIN && i + n <= tokens.length; n++) {
        joined += tokens[i + n - 1]!.raw;
        push(this.strong, joined, id);
      }
    }
  }

  /** Whether some name holds this word (or joined run of words). */
  has(key: string): boolean {
    return this.strong.has(key) || this.weak.has(key);
  }

  /** Numbers of the names that share a key with the query tokens. */
  candidates(tokens: readonly Token[]): Set<number> {
    const out = new Set<number>();
    const collect = (key: string) => {
      for (const id of this.strong.get(key) ?? []) out.add(id);
    };
    const collectVia = (map: Map<string, string[]>, key: string) => {
      for (const k of map.get(key) ?? []) collect(k);
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.cls === 'distinctive') {
        for (const key of t.raw === t.text ? [t.text] : [t.text, t.raw]) {
          collect(key);
          if (key.length >= TYPO_MIN_LENGTH) {
            collectVia(this.deletionKeys, key);
            for (const d of deletions(key)) {
              collect(d);
              collectVia(this.deletionKeys, d);
            }
          }
          if (key.length >= PREFIX_MIN_TOKEN_LENGTH) collectVia(this.prefixKeys, key.slice(0, PREFIX_LENGTH));
        }
      }
      let joined = t.raw;
      for (let n = 2; n <= MAX_JOIN && i + n <= tokens.length; n++) {
        joined += tokens[i + n - 1]!.raw;
        collect(joined);
      }
    }
    if (tokens.every((t) => t.cls !== 'distinctive')) for (const id of this.weakCandidates(tokens)) out.add(id);
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
