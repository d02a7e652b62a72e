import type { Token, TokenClass } from './normalize.js';

/**
 * Token weights, when matched and when left unmatched. A brand or other distinctive word carries the identity; a
 * shared place is weak evidence and a shared descriptor ("Technology", "Information") weaker still. An unmatched
 * token costs its weight, so an extra distinctive word ("Hua Wei *Trading*") pulls the score down far more than an
 * extra "Technology". An organisation type is weak when shared but strong when only one name has it
 * ("Sunway *University*").
 */
export const CLASS_WEIGHT: Readonly<Record<TokenClass, { matched: number; unmatched: number }>> = {
  distinctive: { matched: 1, unmatched: 1 },
  organisation: { matched: 0.25, unmatched: 1 },
  place: { matched: 0.35, unmatched: 0.35 },
  descriptor: { matched: 0.25, unmatched: 0.25 },
};

/** Syllables written apart that join to a listed word ("Hua Wei" / "Huawei"): likely, not certainly, the same word. */
export const JOINED_FACTOR = 0.95;
/** Characters that only sound like a listed brand (华威 vs 华为): the pinyin agrees, the name does not. */
export const HOMOPHONE_FACTOR = 0.5;
/** Up to this many adjacent tokens may be joined to meet one token on the other side. */
const MAX_JOIN = 3;

export interface TokenPair {
  readonly query: string;
  readonly listed: string;
  readonly similarity: number;
  /** Summed weight of the tokens on both sides. */
  readonly weight: number;
  readonly joined: boolean;
  readonly homophoneOf?: string;
}

export interface TokenAgreement {
  /** Weighted share of both names covered by matched tokens, each match counted at its similarity: 0..1. */
  readonly score: number;
  readonly pairs: TokenPair[];
  readonly unmatchedQuery: Token[];
  readonly unmatchedListed: Token[];
}

export type SimilarityFn = (a: string, b: string) => number;

interface Candidate {
  q0: number;
  q1: number;
  l0: number;
  l1: number;
  similarity: number;
  weight: number;
  joined: boolean;
  homophoneOf?: string;
}

const weightOf = (t: Token): number => CLASS_WEIGHT[t.cls].matched;
const costOf = (t: Token): number => CLASS_WEIGHT[t.cls].unmatched;

function spanWeight(tokens: readonly Token[], from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += weightOf(tokens[i]!);
  return w;
}

/**
 * Tries joining 2..MAX_JOIN adjacent tokens of `many` to meet single tokens of `one` ("peng xin wei" vs
 * "pengxinwei", "zhongke"+"shuguang" vs "zhongkeshuguang"). Cheap length and first-letter checks go first
 * because nearly all joins fail.
 */
function joinedCandidates(many: readonly Token[], one: readonly Token[], sim: SimilarityFn, manyIsQuery: boolean, out: Candidate[]): void {
  let longest = 0;
  const firsts = new Set<number>();
  for (const t of one) {
    longest = Math.max(longest, t.raw.length);
    firsts.add(t.raw.charCodeAt(0));
  }
  for (let i = 0; i + 1 < many.length; i++) {
    if (!firsts.has(many[i]!.raw.charCodeAt(0))) continue;
    let joined = many[i]!.raw;
    for (let n = 2; n <= MAX_JOIN && i + n <= many.length; n++) {
      joined += many[i + n - 1]!.raw;
      if (joined.length > longest + 2) break;
      for (let j = 0; j < one.length; j++) {
        const target = one[j]!;
        if (target.raw.charCodeAt(0) !== joined.charCodeAt(0) || Math.abs(target.raw.length - joined.length) > 2) continue;
        const s = Math.max(sim(joined, target.raw), target.raw === target.text ? 0 : sim(joined, target.text));
        if (s === 0) continue;
        const weight = spanWeight(many, i, i + n) + weightOf(target);
        out.push(manyIsQuery
          ? { q0: i, q1: i + n, l0: j, l1: j + 1, similarity: s * JOINED_FACTOR, weight, joined: true }
          : { q0: j, q1: j + 1, l0: i, l1: i + n, similarity: s * JOINED_FACTOR, weight, joined: true });
      }
    }
  }
}

/**
 * Best-pair assignment: every query token (or joined run) is paired with at most one listed token (or run) and
 * the other way round, greedily from the most similar pair down. The score is a weighted Dice coefficient:
 * sum(similarity x weights of the pair) / (weights of matched tokens + costs of unmatched tokens, both names).
 */
export function tokenAgreement(query: readonly Token[], listed: readonly Token[], sim: SimilarityFn): TokenAgreement {
  const candidates: Candidate[] = [];
  for (let i = 0; i < query.length; i++) {
    const q = query[i]!;
    for (let j = 0; j < listed.length; j++) {
      const l = listed[j]!;
      let s = sim(q.text, l.text);
      // Canonical forms can drift apart where the surface forms are one typo apart ("Skyvers" lost its "s").
      if (s < 1 && (q.raw !== q.text || l.raw !== l.text)) s = Math.max(s, sim(q.raw, l.raw));
      if (s === 0) continue;
      const homophone = q.homophoneOf !== undefined;
      candidates.push({
        q0: i, q1: i + 1, l0: j, l1: j + 1, similarity: homophone ? s * HOMOPHONE_FACTOR : s,
        weight: weightOf(q) + weightOf(l), joined: false, ...(homophone ? { homophoneOf: q.homophoneOf } : {}),
      });
    }
  }
  joinedCandidates(query, listed, sim, true, candidates);
  joinedCandidates(listed, query, sim, false, candidates);
  candidates.sort((a, b) => b.similarity - a.similarity || b.weight - a.weight);

  const usedQ = new Uint8Array(query.length);
  const usedL = new Uint8Array(listed.length);
  const pairs: TokenPair[] = [];
  let matched = 0;
  for (const c of candidates) {
    let free = true;
    for (let i = c.q0; i < c.q1 && free; i++) if (usedQ[i]) free = false;
    for (let j = c.l0; j < c.l1 && free; j++) if (usedL[j]) free = false;
    if (!free) continue;
    usedQ.fill(1, c.q0, c.q1);
    usedL.fill(1, c.l0, c.l1);
    matched += c.similarity * c.weight;
    pairs.push({
      query: query.slice(c.q0, c.q1).map((t) => (c.joined ? t.raw : t.text)).join('+'),
      listed: listed.slice(c.l0, c.l1).map((t) => (c.joined ? t.raw : t.text)).join('+'),
      similarity: c.similarity, weight: c.weight, joined: c.joined,
      ...(c.homophoneOf ? { homophoneOf: c.homophoneOf } : {}),
    });
  }
  let total = 0;
  query.forEach((t, i) => (total += usedQ[i] ? weightOf(t) : costOf(t)));
  listed.forEach((t, j) => (total += usedL[j] ? weightOf(t) : costOf(t)));
  return {
    score: total === 0 ? 0 : matched / total,
    pairs,
    unmatchedQuery: query.filter((_, i) => !usedQ[i]),
    unmatchedListed: listed.filter((_, j) => !usedL[j]),
  };
}
