/**
 * String similarity for single tokens: Jaro-Winkler, bounded by an edit-distance check so that a high
 * Jaro-Winkler between two different words ("Cambridge"/"Cambrian": 0.88, three edits) is not taken for a typo.
 * One edit only: pinyin brands are built from a few hundred syllables, and two edits turn one into another
 * ("Chuangming"/"Changxing": Jaro-Winkler 0.92).
 */

/** Winkler's prefix scale and the Jaro score above which the prefix bonus applies (Winkler 1990). */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;
const BOOST_THRESHOLD = 0.7;

/** Scratch buffers reused across calls; tokens are short, so one allocation serves nearly every call. */
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

function jaro(a: string, b: string): number {
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

/**
 * Whether a and b differ by at most one edit (insert, delete, substitute, or swap two adjacent letters): the
 * question tokenSimilarity asks, answered in one pass without a distance table.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Tokens this short (acronyms, "AI", "IC", "Suma") match only exactly: one edit changes what they mean. */
export const EXACT_ONLY_MAX_LENGTH = 4;
/** Below this Jaro-Winkler two tokens are different words. */
const FUZZY_FLOOR = 0.85;
/**
 * Similarity of two tokens in 0..1: 1 when equal; the Jaro-Winkler score when they differ by a typo (one edit:
 * a letter added, dropped, changed or two swapped) and score at least FUZZY_FLOOR; 0 otherwise.
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = Math.min(a.length, b.length);
  if (shorter <= EXACT_ONLY_MAX_LENGTH) return 0;
  if (Math.abs(a.length - b.length) > 1) return 0;
  // One edit leaves at least one end of a word intact.
  if (a.charCodeAt(0) !== b.charCodeAt(0) && a.charCodeAt(a.length - 1) !== b.charCodeAt(b.length - 1)) return 0;
  const jw = jaroWinkler(a, b);
  if (jw < FUZZY_FLOOR) return 0;
  return withinOneEdit(a, b) ? jw : 0;
}
