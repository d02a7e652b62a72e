import type { ListEntry } from './types.js';

/**
 * Where a matchable name came from. `name`: the listed name; `alias`: an alt name; `abbreviation`: a bracketed
 * short form at the end of the name ("(SMIC)", "(Huawei)"); `parent`/`affiliate`: the two halves of a 2022-style
 * "Parent.  Affiliated Entity:  Affiliate" name; `trimmed`: the name with the address junk that follows its legal
 * form cut off ("HiSilicon Optoelectronics Co., Ltd., Wuhan, Hubei").
 */
export type NameKind = 'name' | 'alias' | 'abbreviation' | 'parent' | 'affiliate' | 'trimmed';

export interface MatchableName {
  readonly text: string;
  readonly kind: NameKind;
  /** Upper-case short forms (SMIC, BEST, PST): matched only exactly, and not to block without country support. */
  readonly acronym: boolean;
}

/** Ties between equal scores go to the name a person would recognise first. */
export const KIND_PRIORITY: Readonly<Record<NameKind, number>> = {
  name: 0, trimmed: 1, affiliate: 1, abbreviation: 2, alias: 3, parent: 4,
};

/** Every word at most this long and no lower-case letter: an acronym, not an upper-case OFAC name like "SUGON". */
const ACRONYM_WORD_MAX = 4;

export function isAcronym(text: string): boolean {
  if (/\p{Ll}/u.test(text)) return false;
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length > 0 && words.every((w) => w.length <= ACRONYM_WORD_MAX);
}

const AFFILIATED = /\s*Affiliated Entity:\s*/i;
const TRAILING_BRACKET = /\s*\(([^()]+)\)\s*\.?\s*$/;
/** A legal form followed by more text after a comma: what follows is an address that crept into the name. */
const LEGAL_FORM_THEN_JUNK =
  /^(.*?\b(?:Co\.,?\s*Ltd\.?|Company,?\s*Ltd\.?|Co\.|Ltd\.?|Limited|Inc\.|Corporation)(?:\s*\([^()]*\))?)\s*,\s*(?!(?:Ltd|Limited|Inc|LLC)\b)\S.*$/i;

/**
 * A bracket at the end of a name is a short form ("(SMIC)", "(NUDT)", "(Huawei)") unless it is a place, which
 * belongs to the name ("ACM Research (Shanghai)"). `isPlace` decides with the matcher's own word lists.
 */
function splitShortForm(name: string, isPlace: (s: string) => boolean): { base: string; short?: string } {
  const m = TRAILING_BRACKET.exec(name);
  if (!m || isPlace(m[1]!)) return { base: name };
  const base = name.slice(0, m.index).trim();
  return base ? { base, short: m[1]!.trim() } : { base: name };
}

const cleanEnd = (s: string) => s.replace(/[\s,;]+$/, '').trim();

/** All the strings an entry can be matched by, each once, with where it came from. */
export function matchableNames(entry: ListEntry, isPlace: (s: string) => boolean): MatchableName[] {
  const out: MatchableName[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: NameKind) => {
    const t = cleanEnd(text);
    const key = t.toLowerCase();
    if (!t || seen.has(key)) return;
    seen.add(key);
    out.push({ text: t, kind, acronym: isAcronym(t) });
  };
  const addWithShortForm = (name: string, kind: NameKind) => {
    const { base, short } = splitShortForm(name, isPlace);
    add(base, kind);
    // The parent's own short form ("(Huawei)" in an Affiliated-Entity row) still names the parent.
    if (short) add(short, kind === 'parent' ? 'parent' : 'abbreviation');
  };
  const addName = (name: string, kind: NameKind) => {
    const cleaned = cleanEnd(name);
    addWithShortForm(cleaned, kind);
    const junk = LEGAL_FORM_THEN_JUNK.exec(cleaned);
    if (junk) addWithShortForm(junk[1]!, 'trimmed');
  };

  const parts = entry.name.split(AFFILIATED);
  if (parts.length === 2 && parts[0] && parts[1]) {
    addName(parts[1], 'affiliate');
    addName(parts[0].replace(/\.$/, ''), 'parent');
  } else {
    addName(entry.name, 'name');
  }
  for (const alias of entry.aliases) add(alias, 'alias');
  return out;
}
