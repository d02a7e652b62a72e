import { BRAND_PINYIN, GLOSSARY, HOMOPHONE_GUARDS, LONGEST_GLOSSARY_KEY, PLACE_SUFFIXES, type GlossaryEntry } from './glossary.js';
import { withinOneEdit } from './similarity.js';
import type { Transliterate } from './types.js';
import {
  ABBREVIATIONS, DESCRIPTORS, EXPANSIONS, LEGAL_FORM_PHRASES, LEGAL_FORMS, ORGANISATION_TYPES, PHRASES, PINYIN_WORDS, PLACES,
  STOPWORDS,
} from './vocabulary.js';

/**
 * How much a token says about identity. `descriptor`: industry words shared by many listed names; `organisation`:
 * the type of body (university, bank); `place`: countries, provinces, cities; `distinctive`: everything else
 * (brands, pinyin names, numbers).
 */
export type TokenClass = 'distinctive' | 'place' | 'descriptor' | 'organisation';

export interface Token {
  /** Canonical form, compared token against token. */
  readonly text: string;
  /** Surface form (folded Latin or pinyin) used when split syllables are joined ("Hua Wei" -> "huawei"). */
  readonly raw: string;
  readonly cls: TokenClass;
  /** Set when the characters typed only sound like a listed brand (华威 reads "huawei" like 华为). */
  readonly homophoneOf?: string;
}

export interface AnalysedName {
  readonly tokens: Token[];
  /** What normalisation did, for explanations: legal forms dropped, pinyin and glossary readings, corrections. */
  readonly notes: string[];
}

const ASCII = /^[ -~]*$/;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Chinese company brands are mostly two characters; the list romanises each two-character word separately. */
const HAN_WORD_LENGTH = 2;

/** A shorter descriptor or place word is too likely to collide with a brand ("Centec" vs "center") to correct. */
const MIN_CORRECTABLE_LENGTH = 7;
/**
 * In a query, a word that no listed name holds is not a brand that could be corrected away, so shorter words are
 * corrected too ("Acadmy" -> academy); see correctUnknownWords.
 */
const QUERY_CORRECTION_MIN_LENGTH = 5;

interface Word {
  text: string;
  raw: string;
  /** Already canonical (came from the glossary); single-word mappings are skipped. */
  canonical: boolean;
  homophoneOf?: string;
}

/** Lower case, no diacritics, apostrophes joined, other punctuation as spaces. Keeps letters of any script. */
function foldLatin(s: string): string {
  // Most names are plain ASCII, which has no diacritics to decompose.
  const decomposed = ASCII.test(s) ? s : s.normalize('NFD').replace(/\p{M}+/gu, '');
  return decomposed
    .toLowerCase()
    // A character lost to an old encoding shows as "?" inside a word ("Telecomunicac?es").
    .replace(/(\p{L})\?(?=\p{L})/gu, '$1')
    .replace(/['’‘ʼ`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits a transliterator's output into folded syllables. */
function syllables(pinyin: string): string[] {
  return foldLatin(pinyin).split(' ').filter(Boolean);
}

/** Descriptor and place words, indexed by their one-deletion variants, for correcting misspellings of them. */
const CORRECTABLE = buildCorrections([...DESCRIPTORS, ...PLACES, ...ORGANISATION_TYPES, ...new Set(ABBREVIATIONS.values())]);

function deletionVariants(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function buildCorrections(words: string[]): Map<string, string[]> {
  const shortest = Math.min(MIN_CORRECTABLE_LENGTH, QUERY_CORRECTION_MIN_LENGTH);
  const map = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const w of words) {
    if (w.length < shortest - 1) continue;
    add(w, w);
    for (const d of deletionVariants(w)) add(d, w);
  }
  return map;
}

const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...DESCRIPTORS, ...PLACES, ...ORGANISATION_TYPES, ...STOPWORDS, ...LEGAL_FORMS, ...ABBREVIATIONS.keys(),
]);

/** The descriptor or place word a token misspells by one edit, if exactly one such word exists. */
function correction(token: string, minLength = MIN_CORRECTABLE_LENGTH): string | undefined {
  if (token.length < minLength || KNOWN_WORDS.has(token)) return undefined;
  if (correctionCache.has(token)) return correctionCache.get(token);
  if (correctionCache.size >= CORRECTION_CACHE_SIZE) correctionCache.clear();
  const found = new Set<string>();
  for (const key of [token, ...deletionVariants(token)]) {
    for (const w of CORRECTABLE.get(key) ?? []) {
      // Place names are pinyin too, one letter away from many brands ("Taixuan" / Taiyuan): only a swap of two
      // letters ("Gaungzhou") is taken for a misspelt place.
      if (withinOneEdit(token, w) && (!PLACES.has(w) || isTransposition(token, w))) found.add(w);
    }
  }
  const corrected = found.size === 1 ? [...found][0] : undefined;
  correctionCache.set(token, corrected);
  return corrected;
}

/** Names repeat words; corrections are looked up once per word (the cache is dropped when it grows too big). */
const correctionCache = new Map<string, string | undefined>();
const CORRECTION_CACHE_SIZE = 100_000;

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** One word: ordinals, plurals, abbreviations, pinyin descriptors, spelling of known words. */
function canonicalWord(word: string, notes: string[]): string[] {
  const expansion = EXPANSIONS.get(word);
  if (expansion) {
    notes.push(`abbreviation: ${word} -> ${expansion.join(' ')}`);
    return [...expansion];
  }
  let w = word.replace(/^(\d+)(?:st|nd|rd|th)$/, '$1');
  const abbreviation = ABBREVIATIONS.get(w);
  if (abbreviation) {
    notes.push(`abbreviation: ${w} -> ${abbreviation}`);
    return [abbreviation];
  }
  if (w.length >= 5 && !KNOWN_WORDS.has(w)) {
    // Plural to singular; pinyin never ends in "s", so this touches only English words.
    if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
    else if (/[^su]s$/.test(w) && !/(is|os|as)$/.test(w)) w = w.slice(0, -1);
  }
  const again = ABBREVIATIONS.get(w);
  if (again) return [again];
  const pinyinWord = PINYIN_WORDS.get(w);
  if (pinyinWord) {
    notes.push(`pinyin word: ${w} -> ${pinyinWord}`);
    return [pinyinWord];
  }
  const corrected = correction(w);
  if (corrected) {
    notes.push(`spelling: ${w} -> ${corrected}`);
    return [corrected];
  }
  return [w];
}

const MAX_PHRASE = 4;
const LEGAL_PHRASES: ReadonlySet<string> = new Set(LEGAL_FORM_PHRASES);
/** First words of all phrases: most words start none, and are passed over without building any key. */
const PHRASE_STARTS: ReadonlySet<string> = new Set(
  [...LEGAL_FORM_PHRASES, ...PHRASES.keys(), ...BRAND_PINYIN.keys()].map((k) => k.split(' ')[0]!),
);

/** Multi-word phrases: legal forms dropped, descriptor phrases and brand pinyin reduced to canonical tokens. */
function applyPhrases(words: Word[], notes: string[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; ) {
    let consumed = 0;
    const startsPhrase = PHRASE_STARTS.has(words[i]!.text) || PHRASE_STARTS.has(words[i]!.raw);
    for (let n = startsPhrase ? Math.min(MAX_PHRASE, words.length - i) : 0; n >= 1 && consumed === 0; n--) {
      const span = words.slice(i, i + n);
      const raw = span.map((w) => w.raw).join('');
      // Surface first: "jicheng dianlu" is a phrase before "dianlu" alone becomes "circuit".
      const surface = span.map((w) => w.raw).join(' ');
      const canonical = span.map((w) => w.text).join(' ');
      const key = [surface, canonical].find((k) => (n > 1 && (LEGAL_PHRASES.has(k) || PHRASES.has(k))) || BRAND_PINYIN.has(k));
      if (key === undefined) continue;
      if (LEGAL_PHRASES.has(key)) {
        notes.push(`legal form dropped: ${key}`);
        consumed = n;
      } else {
        const target = PHRASES.get(key) ?? BRAND_PINYIN.get(key)!;
        notes.push(`${PHRASES.has(key) ? 'phrase' : 'brand'}: ${key} -> ${target}`);
        for (const t of target.split(' ')) out.push({ text: t, raw, canonical: true });
        consumed = n;
      }
    }
    if (consumed === 0) {
      out.push(words[i]!);
      consumed = 1;
    }
    i += consumed;
  }
  return out;
}

function classify(text: string): TokenClass {
  if (PLACES.has(text)) return 'place';
  if (ORGANISATION_TYPES.has(text)) return 'organisation';
  // Zhongke (中科, Chinese Academy of Sciences spin-offs) is shared by many unrelated listed names (screening.md §4.7).
  if (DESCRIPTORS.has(text) || text === 'zhongke' || text.length === 1) return 'descriptor';
  return 'distinctive';
}

/**
 * Splits a run of Chinese characters into glossary words (descriptors, places, brands, legal forms) and the
 * remaining characters, which are read in pinyin two characters at a time. The whole run is transliterated once
 * so that polyphones are read in context (长江 chang jiang, 重庆 chong qing).
 */
function analyseHan(run: string, transliterate: Transliterate | undefined, notes: string[]): Word[] {
  const out: Word[] = [];
  const whole = transliterate ? syllables(transliterate(run)) : [];
  const perChar = whole.length === run.length ? whole : undefined;
  const readingOf = (start: number, end: number): string[] =>
    perChar ? perChar.slice(start, end) : transliterate ? syllables(transliterate(run.slice(start, end))) : [];

  const flush = (start: number, end: number) => {
    for (let s = start; s < end; ) {
      const remaining = end - s;
      const len = remaining <= HAN_WORD_LENGTH + 1 ? remaining : HAN_WORD_LENGTH;
      const han = run.slice(s, s + len);
      const pinyin = readingOf(s, s + len).join('');
      if (!pinyin) {
        notes.push(`no transliterator: ${han} compared as written`);
        out.push({ text: han, raw: han, canonical: true });
      } else {
        const genuine = HOMOPHONE_GUARDS.get(pinyin);
        const homophoneOf = genuine !== undefined && !genuine.includes(han) ? genuine[0] : undefined;
        notes.push(`pinyin: ${han} -> ${pinyin}${homophoneOf ? ` (sounds like ${homophoneOf}, other characters)` : ''}`);
        out.push({ text: pinyin, raw: pinyin, canonical: false, ...(homophoneOf ? { homophoneOf } : {}) });
      }
      s += len;
    }
  };

  for (const piece of segmentHan(run)) {
    if (piece.entry === undefined) {
      flush(piece.start, piece.end);
      continue;
    }
    const key = run.slice(piece.start, piece.end);
    if (piece.entry.kind === 'legal') notes.push(`legal form dropped: ${key}`);
    else {
      notes.push(`${piece.entry.kind === 'brand' ? 'brand' : 'glossary'}: ${key} -> ${piece.entry.latin}`);
      const raw = readingOf(piece.start, piece.end).join('') || piece.entry.latin.replace(/ /g, '');
      for (const t of piece.entry.latin.split(' ')) out.push({ text: t, raw, canonical: true });
    }
  }
  return out;
}

interface HanPiece {
  start: number;
  end: number;
  /** The glossary word, or undefined for characters outside the glossary (read in pinyin). */
  entry?: GlossaryEntry;
}

/**
 * Segments a run into glossary words and leftover characters, leaving as few leftover characters as possible and
 * keeping them together: greedy longest-match would read 龙芯中科技术 as 龙芯|中|科技|术 and split the brand
 * 中科 (Zhongke); this reads 龙芯|中科|技术. Cost: one per leftover character, one half per leftover run.
 * A place suffix (市, 省) after a place word is part of it.
 */
function segmentHan(run: string): HanPiece[] {
  const n = run.length;
  // best[i][o]: cheapest segmentation of run[i..] when the character before i was (o=1) or was not (o=0) leftover.
  const best: { cost: number; next: number; entry?: GlossaryEntry }[][] = Array.from({ length: n + 1 }, () => []);
  best[n] = [{ cost: 0, next: n }, { cost: 0, next: n }];
  for (let i = n - 1; i >= 0; i--) {
    for (const afterLeftover of [0, 1]) {
      const leftoverCost = 1 + (afterLeftover ? 0 : 0.5) + best[i + 1]![1]!.cost;
      let choice: { cost: number; next: number; entry?: GlossaryEntry } = { cost: leftoverCost, next: i + 1 };
      for (let len = Math.min(LONGEST_GLOSSARY_KEY, n - i); len >= 1; len--) {
        const entry = GLOSSARY.get(run.slice(i, i + len));
        if (!entry) continue;
        let end = i + len;
        if (entry.kind === 'place' && PLACE_SUFFIXES.has(run[end] ?? '')) end++;
        const cost = best[end]![0]!.cost;
        if (cost < choice.cost) choice = { cost, next: end, entry };
      }
      best[i]![afterLeftover] = choice;
    }
  }
  const pieces: HanPiece[] = [];
  for (let i = 0, afterLeftover = 0; i < n; ) {
    const step = best[i]![afterLeftover]!;
    const last = pieces[pieces.length - 1];
    if (step.entry) pieces.push({ start: i, end: step.next, entry: step.entry });
    else if (last && last.entry === undefined) last.end = step.next;
    else pieces.push({ start: i, end: step.next });
    afterLeftover = step.entry ? 0 : 1;
    i = step.next;
  }
  return pieces;
}

/** Up to this many syllables written apart are joined to find a pinyin word ("you xian" -> youxian). */
const MAX_SPLIT_SYLLABLES = 3;

/**
 * Joins adjacent Latin words whose concatenation is a known pinyin word or legal form ("Ji Shu" -> jishu,
 * "You Xian Gong Si" -> youxian gongsi), so that syllables written apart read as the word they spell rather than
 * as unmatched names. Brand syllables ("Hua Wei") are left to the scorer, which joins them against listed names.
 */
function joinSplitSyllables(words: Word[], notes: string[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; ) {
    let joined = 0;
    for (let n = Math.min(MAX_SPLIT_SYLLABLES, words.length - i); n >= 2 && joined === 0; n--) {
      const span = words.slice(i, i + n);
      if (span.some((w) => w.canonical || HAN_CHAR.test(w.text))) continue;
      const word = span.map((w) => w.text).join('');
      if (!PINYIN_WORDS.has(word) && !LEGAL_FORMS.has(word)) continue;
      notes.push(`syllables joined: ${span.map((w) => w.text).join(' ')} -> ${word}`);
      out.push({ text: word, raw: word, canonical: false });
      joined = n;
    }
    if (joined === 0) {
      out.push(words[i]!);
      joined = 1;
    }
    i += joined;
  }
  return out;
}

/**
 * Normalises a company name into weighted tokens: Unicode NFKC (full-width forms, ideographic space), case,
 * diacritics, punctuation; Chinese through the glossary and pinyin; abbreviations, plurals, pinyin descriptor
 * words and misspelt descriptors to one canonical word; legal forms and stopwords dropped.
 */
export function analyseName(name: string, transliterate?: Transliterate): AnalysedName {
  const notes: string[] = [];
  const text = ASCII.test(name) ? name : name.normalize('NFKC');
  const words: Word[] = [];
  let last = 0;
  const latin = (s: string) => {
    for (const w of foldLatin(s).split(' ')) if (w) words.push({ text: w, raw: w, canonical: false });
  };
  for (const m of text.matchAll(HAN_RUN)) {
    latin(text.slice(last, m.index));
    words.push(...analyseHan(m[0], transliterate, notes));
    last = m.index + m[0].length;
  }
  latin(text.slice(last));

  const single: Word[] = [];
  for (const w of joinSplitSyllables(words, notes)) {
    if (w.canonical || HAN_CHAR.test(w.text)) single.push(w);
    else for (const t of canonicalWord(w.text, notes)) single.push({ ...w, text: t });
  }
  const tokens: Token[] = [];
  for (const w of applyPhrases(single, notes)) {
    if (LEGAL_FORMS.has(w.text)) notes.push(`legal form dropped: ${w.text}`);
    else if (!STOPWORDS.has(w.text)) {
      tokens.push({ text: w.text, raw: w.raw, cls: classify(w.text), ...(w.homophoneOf ? { homophoneOf: w.homophoneOf } : {}) });
    }
  }
  return { tokens, notes };
}

/**
 * Corrects query words that no listed name holds, nor a word one edit from them ("listed" says so), to the
 * descriptor or place word they misspell ("Acadmy" -> academy): such a word would otherwise count as an unmatched
 * brand. A word near a listed brand is left for the scorer ("Centek" stays, near the listed "Centec").
 */
export function correctUnknownWords(name: AnalysedName, listed: (word: string) => boolean): AnalysedName {
  let changed = false;
  const notes = [...name.notes];
  const tokens = name.tokens.map((t) => {
    if (t.cls !== 'distinctive' || listed(t.text) || listed(t.raw)) return t;
    const corrected = correction(t.text, QUERY_CORRECTION_MIN_LENGTH);
    if (!corrected) return t;
    changed = true;
    notes.push(`spelling: ${t.text} -> ${corrected} (no listed name has ${t.text})`);
    return { text: corrected, raw: t.raw, cls: classify(corrected) };
  });
  return changed ? { tokens, notes } : name;
}
