import type { Token, TokenClass } from './normalize.js';
import { tokenSimilarity } from './similarity.js';

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
const JOINED_FACTOR = 0.95;
/** Characters that only sound like a listed brand (华威 vs 华为): the pinyin agrees, the name does not. */
export const HOMOPHONE_FACTOR = 0.5;
/** Up to this many adjacent tokens may be joined to meet one token on the other side. */
export const MAX_JOIN = 3;
/**
 * Only short distinctive words (and single letters) are joined: split syllables and two-syllable pinyin words
 * ("hua wei", "peng xin wei", "e town"), not English descriptors ("supply chain"). A joined run must equal the
 * other token exactly: the spacing differs, the spelling does not.
 */
const JOIN_TOKEN_MAX = 8;

export function joinable(t: Token): boolean {
  return t.raw.length <= JOIN_TOKEN_MAX && (t.cls === 'distinctive' || t.raw.length === 1);
}

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

/** A quick summary of an assignment, enough to rank a name and apply the screener's rules. */
export interface AgreementSummary {
  score: number;
  pairs: number;
  /** With exactly one pair: it is an approximate (typo) match and the listed token's length. */
  onlyPairFuzzy: boolean;
  onlyPairListedLength: number;
}

const weightOf = (t: Token): number => CLASS_WEIGHT[t.cls].matched;
const costOf = (t: Token): number => CLASS_WEIGHT[t.cls].unmatched;

/**
 * Scratch space for one assignment. Scoring runs for every candidate name of every query, so candidate pairs live
 * in reused parallel arrays rather than in objects.
 */
const scratch = {
  q0: [] as number[], q1: [] as number[], l0: [] as number[], l1: [] as number[],
  sim: [] as number[], weight: [] as number[], joined: [] as boolean[], order: [] as number[], chosen: [] as number[],
  usedQ: new Uint8Array(64), usedL: new Uint8Array(64), count: 0,
};

function addCandidate(q0: number, q1: number, l0: number, l1: number, sim: number, weight: number, joined: boolean): void {
  const k = scratch.count++;
  scratch.q0[k] = q0; scratch.q1[k] = q1; scratch.l0[k] = l0; scratch.l1[k] = l1;
  scratch.sim[k] = sim; scratch.weight[k] = weight; scratch.joined[k] = joined;
}

function spanWeight(tokens: readonly Token[], from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += weightOf(tokens[i]!);
  return w;
}

/** Runs of 2..MAX_JOIN adjacent joinable tokens of `many` that spell one token of `one` exactly. */
function joinedCandidates(many: readonly Token[], one: readonly Token[], manyIsQuery: boolean): void {
  for (let i = 0; i + 1 < many.length; i++) {
    if (!joinable(many[i]!)) continue;
    let joined = many[i]!.raw;
    for (let n = 2; n <= MAX_JOIN && i + n <= many.length; n++) {
      const next = many[i + n - 1]!;
      if (!joinable(next)) break;
      joined += next.raw;
      for (let j = 0; j < one.length; j++) {
        const target = one[j]!;
        if (target.raw !== joined && target.text !== joined) continue;
        const weight = spanWeight(many, i, i + n) + weightOf(target);
        if (manyIsQuery) addCandidate(i, i + n, j, j + 1, JOINED_FACTOR, weight, true);
        else addCandidate(j, j + 1, i, i + n, JOINED_FACTOR, weight, true);
      }
    }
  }
}

/**
 * Best-pair assignment: every query token (or joined run) is paired with at most one listed token (or run) and
 * the other way round, greedily from the most similar pair down. The score is a weighted Dice coefficient:
 * sum(similarity x weights of the pair) / (weights of matched tokens + costs of unmatched tokens, both names).
 * Leaves the chosen pairs in scratch.chosen.
 */
function assign(query: readonly Token[], listed: readonly Token[]): number {
  scratch.count = 0;
  for (let i = 0; i < query.length; i++) {
    const q = query[i]!;
    for (let j = 0; j < listed.length; j++) {
      const l = listed[j]!;
      let s = q.text === l.text ? 1 : 0;
      // Typos are looked for between words of one class; a misspelt known word was corrected at normalisation.
      if (s === 0 && q.cls === l.cls) {
        s = tokenSimilarity(q.text, l.text);
        // Canonical forms can drift apart where the surface forms are one typo apart ("Skyvers" lost its "s").
        if (s < 1 && (q.raw !== q.text || l.raw !== l.text)) s = Math.max(s, tokenSimilarity(q.raw, l.raw));
      }
      if (s === 0) continue;
      addCandidate(i, i + 1, j, j + 1, q.homophoneOf !== undefined ? s * HOMOPHONE_FACTOR : s, weightOf(q) + weightOf(l), false);
    }
  }
  joinedCandidates(query, listed, true);
  joinedCandidates(listed, query, false);

  const { order, sim, weight, usedQ, usedL } = scratch;
  order.length = scratch.count;
  for (let k = 0; k < scratch.count; k++) order[k] = k;
  order.sort((a, b) => sim[b]! - sim[a]! || weight[b]! - weight[a]!);

  if (query.length > usedQ.length) scratch.usedQ = new Uint8Array(query.length * 2);
  if (listed.length > usedL.length) scratch.usedL = new Uint8Array(listed.length * 2);
  scratch.usedQ.fill(0, 0, query.length);
  scratch.usedL.fill(0, 0, listed.length);
  scratch.chosen.length = 0;
  let matched = 0;
  for (const k of order) {
    let free = true;
    for (let i = scratch.q0[k]!; i < scratch.q1[k]! && free; i++) if (scratch.usedQ[i]) free = false;
    for (let j = scratch.l0[k]!; j < scratch.l1[k]! && free; j++) if (scratch.usedL[j]) free = false;
    if (!free) continue;
    scratch.usedQ.fill(1, scratch.q0[k]!, scratch.q1[k]!);
    scratch.usedL.fill(1, scratch.l0[k]!, scratch.l1[k]!);
    matched += sim[k]! * weight[k]!;
    scratch.chosen.push(k);
  }
  let total = 0;
  for (let i = 0; i < query.length; i++) total += scratch.usedQ[i] ? weightOf(query[i]!) : costOf(query[i]!);
  for (let j = 0; j < listed.length; j++) total += scratch.usedL[j] ? weightOf(listed[j]!) : costOf(listed[j]!);
  return total === 0 ? 0 : matched / total;
}

/** The assignment's score and what the screener's rules need, without building an explanation. */
export function agreementSummary(query: readonly Token[], listed: readonly Token[]): AgreementSummary {
  const score = assign(query, listed);
  const only = scratch.chosen.length === 1 ? scratch.chosen[0]! : -1;
  return {
    score,
    pairs: scratch.chosen.length,
    onlyPairFuzzy: only >= 0 && !scratch.joined[only] && scratch.sim[only]! < 1,
    onlyPairListedLength: only >= 0 ? listed[scratch.l0[only]!]!.text.length : 0,
  };
}

/** The same assignment with its pairs and unmatched tokens, for the explanation of a reported match. */
export function tokenAgreement(query: readonly Token[], listed: readonly Token[]): TokenAgreement {
  const score = assign(query, listed);
  const pairs = scratch.chosen.map((k): TokenPair => {
    const joined = scratch.joined[k]!;
    const side = (tokens: readonly Token[], from: number, to: number) =>
      tokens.slice(from, to).map((t) => (joined ? t.raw : t.text)).join('+');
    const homophoneOf = scratch.q1[k]! - scratch.q0[k]! === 1 && !joined ? query[scratch.q0[k]!]!.homophoneOf : undefined;
    return {
      query: side(query, scratch.q0[k]!, scratch.q1[k]!),
      listed: side(listed, scratch.l0[k]!, scratch.l1[k]!),
      similarity: scratch.sim[k]!, weight: scratch.weight[k]!, joined,
      ...(homophoneOf ? { homophoneOf } : {}),
    };
  });
  return {
    score,
    pairs,
    unmatchedQuery: query.filter((_, i) => !scratch.usedQ[i]),
    unmatchedListed: listed.filter((_, j) => !scratch.usedL[j]),
  };
}
