import { isIsoDate } from '../core/dates.js';
import { createHash } from 'node:crypto';
import { InputError } from '../core/errors.js';
import type { ListEntry } from '../core/screening/index.js';
import { ISO_ALPHA2 } from '../core/screening/countries.js';

/**
 * A Consolidated Screening List record after the format-specific reader has done its part: multi-valued fields
 * are arrays in both formats (the CSV reader splits them, the JSON reader flattens address objects).
 */
export interface CslRecord {
  source_id: string;
  source: string;
  entity_number: string;
  name: string;
  addresses: string[];
  /** Countries the source states explicitly (JSON address objects); CSV countries come from the address text. */
  countries: string[];
  federal_register_notice: string;
  start_date: string;
  license_requirement: string;
  license_policy: string;
  alt_names: string[];
}

/** Mojibake of UTF-8 read as Windows-1252, seen in older CSL data (screening.md §1.3: "Â§" for "§"). */
const MOJIBAKE: readonly [RegExp, string][] = [
  [/Â§/g, '§'], [/â€œ/g, '“'], [/â€\u009d|â€\u201d/g, '”'], [/â€™/g, '’'], [/â€˜/g, '‘'], [/â€“/g, '–'], [/â€”/g, '—'],
  [/Ã©/g, 'é'], [/Ã£/g, 'ã'], [/Ãµ/g, 'õ'], [/Ã§/g, 'ç'], [/Ã¼/g, 'ü'], [/Ã¶/g, 'ö'], [/Ã¤/g, 'ä'], [/Â /g, ' '],
];

/** Published text with encoding damage repaired and whitespace runs (trailing spaces, double spaces) collapsed. */
function cleanText(s: string | null | undefined): string {
  if (typeof s !== 'string') return '';
  let t = s;
  for (const [bad, good] of MOJIBAKE) t = t.replace(bad, good);
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * Alias residue left by BIS's "—Alias1; —Alias2; and —AliasN" layout: a leading "and " on the last alias, and two
 * aliases left in one string joined by ", and " ("Beijing Shangtang Technology Development Co., Ltd., and Sense
 * Time"). BIS data also lost apostrophes as "?" ("?s " for "'s ", as OpenSanctions repairs it).
 */
export function cleanAliases(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of raw) {
    for (const part of cleanText(value).split(/,\s+and\s+/i)) {
      const alias = part.replace(/^and\s+/i, '').replace(/(\w)\?s\b/g, "$1's").replace(/[\s,;]+$/, '').trim();
      if (alias && !out.includes(alias)) out.push(alias);
    }
  }
  return out;
}

/**
 * Footnote digits flattened into the licence requirement: "... of the EAR) 4", "...EAR)4", "734.9(g),3 746.8".
 * Footnote 4 marks the Entity List FDP rule of §734.9(e)(2), 5 the rule of §734.9(e)(3) (screening.md §2.2).
 */
export function footnotesOf(requirement: string): number[] {
  const found = new Set<number>();
  const trailing = /\)\s*(\d)\s*\.?$/.exec(requirement);
  if (trailing) found.add(Number(trailing[1]));
  for (const m of requirement.matchAll(/\([a-z0-9]+\),(\d)\s/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/**
 * FR citations in one form, "84 FR 22963; 85 FR 29853": the CSL separates them by commas or semicolons, with
 * stray spaces, and DPL writes "67 F.R. 56530". Text without any citation (ISN's "Vol. 88, No. 151") is kept as is.
 */
export function federalRegister(text: string): string | null {
  const cleaned = cleanText(text);
  if (!cleaned) return null;
  const cites = [...cleaned.matchAll(/(\d+)\s*F\.?\s?R\.?\s*(\d+)/g)].map((m) => `${m[1]} FR ${m[2]}`);
  return cites.length > 0 ? [...new Set(cites)].join('; ') : cleaned;
}

export function isoDateOrNull(text: string): string | null {
  const trimmed = text.trim();
  return isIsoDate(trimmed) ? trimmed : null;
}

/**
 * A record's start date: empty is unknown (the listing then counts on every date), anything else must be a real
 * date, since a misread one would move the date a listing binds from.
 */
function startDate(text: string, where: string): string | null {
  if (text.trim() === '') return null;
  const date = isoDateOrNull(text);
  if (date === null) throw new InputError(`${where}: start_date "${text}" is not a real date YYYY-MM-DD`, 'start_date', text);
  return date;
}

/**
 * Countries at the end of flattened addresses ("..., Shenzhen, 518129, CN"). Addresses are split on "; " but not
 * on "; and", which occurs inside BIS's free-text addresses.
 */
function countriesOfAddresses(addresses: readonly string[]): string[] {
  const out: string[] = [];
  for (const address of addresses) {
    for (const part of address.split(/;\s+(?!and\b)/)) {
      const m = /(?:^|,\s*)([A-Z]{2})\s*$/.exec(part.trim());
      if (m && ISO_ALPHA2.has(m[1]!) && !out.includes(m[1]!)) out.push(m[1]!);
    }
  }
  return out;
}

/** The short list code in the CSL `source` ("Entity List (EL) - Bureau of Industry and Security" -> EL). */
function listCode(source: string): string | null {
  const inBrackets = /\(([A-Z][A-Z-]{1,9})\)/.exec(source);
  if (inBrackets) return inBrackets[1]!;
  return /^[A-Z][A-Z-]{1,9}$/.test(source.trim()) ? source.trim() : null;
}

/**
 * A stable id from what identifies a listing: list, name and addresses. The CSL's `_id` is regenerated between
 * releases (screening.md §1.2), so it is kept only as information.
 */
function stableId(list: string, name: string, addresses: readonly string[]): string {
  const hash = createHash('sha256').update(`${list}\n${name}\n${addresses.join('\n')}`).digest('hex');
  return `${list}-${hash.slice(0, 16)}`;
}

/** Turns a record into a list entry, or throws an InputError that names `where` (file and row). */
export function entryFromCsl(record: CslRecord, where: string): ListEntry {
  const source = cleanText(record.source);
  const list = listCode(source);
  if (!list) throw new InputError(`${where}: source "${source}" names no list code such as "(EL)"`, 'source', source);
  const name = cleanText(record.name).replace(/(\w)\?s\b/g, "$1's").replace(/[\s,;]+$/, '');
  if (!name) throw new InputError(`${where}: empty name`, 'name', record.name);
  const addresses = record.addresses.map(cleanText).filter(Boolean);
  const countries = [...new Set([...record.countries.map((c) => c.trim().toUpperCase()).filter((c) => ISO_ALPHA2.has(c)), ...countriesOfAddresses(addresses)])];
  const requirement = cleanText(record.license_requirement);
  const sourceIds = [...new Set([cleanText(record.source_id), cleanText(record.entity_number)].filter(Boolean))];
  return {
    id: stableId(list, name, addresses),
    list,
    source,
    name,
    aliases: cleanAliases(record.alt_names).filter((a) => a !== name),
    countries,
    addresses,
    federal_register: federalRegister(record.federal_register_notice),
    license_requirement: requirement || null,
    license_policy: cleanText(record.license_policy) || null,
    footnotes: footnotesOf(requirement),
    start_date: startDate(record.start_date, where),
    source_ids: sourceIds,
  };
}
