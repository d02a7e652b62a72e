/**
 * String similarity for single tokens: Jaro-Winkler, bounded by an edit-distance check so that a high
 * Jaro-Winkler between two different words ("Cambridge"/"Cambrian": 0.88, three edits) is not taken for a typo.
 */

/** Winkler's prefix scale and the Jaro score above which the prefix bonus applies (Winkler 1990). */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
const BOOST_THRESHOLD = 0.7;

/** Scratch buffers reused across calls; tokens are short, so one allocation serves nearly every call. */
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > matchedA.length) matchedA = new Uint8Array(la * 2);
  if (lb > matchedB.length) matchedB = new Uint8Array(lb * 2);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  return (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= BOOST_THRESHOLD) return j;
  let prefix = 0;
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * PREFIX_SCALE * (1 - j);
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition). */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prevPrev = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prevPrev[j - 2]! + 1);
      }
      cur[j] = d;
    }
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[lb]!;
}

/** Tokens this short (acronyms, "AI", "IC", "Suma") match only exactly: one edit changes what they mean. */
export const EXACT_ONLY_MAX_LENGTH = 4;
/** Below this Jaro-Winkler two tokens are different words. */
export const FUZZY_FLOOR = 0.85;
/** Tokens of at least this length may differ by two edits; shorter ones by one. */
const TWO_EDIT_MIN_LENGTH = 8;

/**
 * Similarity of two tokens in 0..1: 1 when equal; the Jaro-Winkler score when they differ by a typo (one edit, or
 * two in long words) and score at least FUZZY_FLOOR; 0 otherwise.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = Math.min(a.length, b.length);
  if (shorter <= EXACT_ONLY_MAX_LENGTH) return 0;
  if (Math.abs(a.length - b.length) > 2) return 0;
  // One typo leaves at least one end of a word intact; a pair differing at both ends is not taken for a typo.
  if (a.charCodeAt(0) !== b.charCodeAt(0) && a.charCodeAt(a.length - 1) !== b.charCodeAt(b.length - 1)) return 0;
  const jw = jaroWinkler(a, b);
  if (jw < FUZZY_FLOOR) return 0;
  return osaDistance(a, b) <= (shorter >= TWO_EDIT_MIN_LENGTH ? 2 : 1) ? jw : 0;
}
