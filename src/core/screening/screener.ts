import { InputError } from '../errors.js';
import { ISO_ALPHA2, sameDestination } from './countries.js';
import { NameIndex } from './inverted-index.js';
import { KIND_PRIORITY, matchableNames, type MatchableName } from './names.js';
import { analyseName, correctUnknownWords, type AnalysedName, type Token } from './normalize.js';
import { agreementSummary, CLASS_WEIGHT, HOMOPHONE_FACTOR, tokenAgreement, type AgreementSummary, type TokenAgreement } from './score.js';
import type { ListEntry, Screener, ScreenerOptions, ScreeningMatch, ScreeningQuery, Thresholds } from './types.js';

/**
 * Default thresholds on the 0..1 score, chosen on the labelled evaluation set (test/fixtures/screening-eval):
 * at `block` and above the party is taken to be the listed one; from `review` up to `block` a person decides.
 */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = { block: 0.9, review: 0.75 };

/** A country that differs from every country of the entry lowers the score by this much (never below review). */
const COUNTRY_MISMATCH_PENALTY = 0.12;
/**
 * A lone fuzzy match on a short token ("Sophos" vs the alias "SOPHON") is not evidence enough to report:
 * tokens shorter than this need an exact match or other shared words.
 */
const SHORT_FUZZY_MAX_LENGTH = 6;
/**
 * 2022-style rows "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  X" list X; the parent's own rows
 * list the parent. A query naming the parent still meets these rows (screening.md §4.5: index both parts), one
 * step below the rows that list it.
 */
const PARENT_FACTOR = 0.85;

const MAX_QUERY_LENGTH = 500;
const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

interface IndexedName {
  entry: number;
  name: MatchableName;
  analysed: AnalysedName;
}

function validThresholds(t: Thresholds): Thresholds {
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
  if (!ok(t.block) || !ok(t.review) || t.review > t.block) {
    throw new InputError(`thresholds: need 0 <= review <= block <= 1, got review ${t.review}, block ${t.block}`, 'thresholds', t);
  }
  return { block: t.block, review: t.review };
}

function validCountry(country: string, field = 'country'): string {
  const cc = country.trim().toUpperCase();
  if (!ISO_ALPHA2.has(cc)) throw new InputError(`${field}: "${country}" is not an ISO 3166-1 alpha-2 country code`, field, country);
  return cc;
}

const LIST_CODE = /^[A-Z][A-Z-]{1,9}$/;

/** The list codes asked for; a code no loaded list has is refused, since screening against it would find nothing. */
function validLists(lists: string[], loaded: ReadonlySet<string>): Set<string> {
  const codes = new Set<string>();
  for (const l of lists) {
    const code = l.trim().toUpperCase();
    if (!LIST_CODE.test(code)) throw new InputError(`lists: "${l}" is not a list code such as EL, MEU, UVL, SDN`, 'lists', l);
    if (!loaded.has(code)) throw new InputError(`lists: no list "${code}" is loaded (loaded: ${[...loaded].sort().join(', ')})`, 'lists', l);
    codes.add(code);
  }
  return codes;
}

function validLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InputError(`limit: "${limit}" is not a whole number from 1 to ${MAX_LIMIT}`, 'limit', limit);
  }
  return limit;
}

const fmt = (x: number) => x.toFixed(2);
const round = (x: number) => Math.round(x * 1000) / 1000;

interface Scored {
  name: IndexedName;
  score: number;
}

function describeTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => `${t.text} (${t.cls}, ${CLASS_WEIGHT[t.cls].unmatched})`).join(', ');
}

function explain(query: AnalysedName, name: IndexedName, agreement: TokenAgreement, adjustments: string[]): string[] {
  const lines: string[] = [`matched ${name.name.kind} "${name.name.text}"`];
  for (const note of query.notes) lines.push(`query ${note}`);
  for (const note of name.analysed.notes) lines.push(`listed ${note}`);
  for (const p of agreement.pairs) {
    const how = p.homophoneOf
      ? ` (homophone: characters differ from ${p.homophoneOf}, x${HOMOPHONE_FACTOR})`
      : p.joined ? ' (syllables joined, spacing differs)' : p.similarity < 1 ? ' (Jaro-Winkler, typo)' : '';
    lines.push(`token ${p.query} ~ ${p.listed} = ${fmt(p.similarity)}${how}, weight ${fmt(p.weight)}`);
  }
  if (agreement.unmatchedQuery.length) lines.push(`unmatched in query: ${describeTokens(agreement.unmatchedQuery)}`);
  if (agreement.unmatchedListed.length) lines.push(`unmatched in listed name: ${describeTokens(agreement.unmatchedListed)}`);
  lines.push(`weighted token agreement ${fmt(agreement.score)}`);
  lines.push(...adjustments);
  return lines;
}

/**
 * Builds a screener over list entries: every name and alias is normalised once and put in an inverted index;
 * a query is normalised the same way, scored against the names that share a key with it, and each entry is
 * reported once, by its best-matching name, when that scores at least the review threshold.
 */
export function createScreener(entries: ListEntry[], options: ScreenerOptions = {}): Screener {
  const thresholds = validThresholds(options.thresholds ?? DEFAULT_THRESHOLDS);
  const transliterate = options.transliterate;
  const isPlace = (s: string) => {
    const { tokens } = analyseName(s, transliterate);
    return tokens.length > 0 && tokens.every((t) => t.cls === 'place');
  };

  const loadedLists = new Set(entries.map((e) => e.list));
  const names: IndexedName[] = [];
  const index = new NameIndex();
  entries.forEach((entry, e) => {
    for (const name of matchableNames(entry, isPlace)) {
      const analysed = analyseName(name.text, transliterate);
      if (analysed.tokens.length === 0) continue;
      index.add(names.length, analysed.tokens);
      names.push({ entry: e, name, analysed });
    }
  });
  const acronymCap = thresholds.review + (thresholds.block - thresholds.review) / 2;

  /**
   * The screener's rules on top of the token agreement: a lone short typo is not reported, a parent named in an
   * affiliate row ranks below the parent's own rows, an acronym needs the country to block, and a different
   * country lowers the score without hiding the hit. Writes its reasons to `notes` when given.
   */
  function adjust(summary: AgreementSummary, name: IndexedName, entry: ListEntry, country: string | undefined, notes?: string[]): number {
    let score = summary.score;
    if (summary.pairs === 1 && summary.onlyPairFuzzy && summary.onlyPairListedLength <= SHORT_FUZZY_MAX_LENGTH) {
      score = Math.min(score, thresholds.review / 2);
      notes?.push('only one short word matched, and only approximately: not reported');
    }
    if (name.name.kind === 'parent') {
      score *= PARENT_FACTOR;
      notes?.push(`matched the parent named in an "Affiliated Entity" row, which lists the affiliate: x${PARENT_FACTOR}`);
    }
    const countrySupports = country !== undefined && entry.countries.some((c) => sameDestination(c, country));
    if (name.name.acronym && !countrySupports && score > acronymCap) {
      score = acronymCap;
      notes?.push(`acronym "${name.name.text}" matched exactly; without the same country it is capped at ${fmt(acronymCap)} (review)`);
    }
    if (country !== undefined && entry.countries.length > 0 && !countrySupports) {
      const before = score;
      score = Math.max(before - COUNTRY_MISMATCH_PENALTY, Math.min(before, thresholds.review));
      notes?.push(`country: query ${country}, listed ${entry.countries.join('/')}: -${fmt(before - score)}` +
        (before - score < COUNTRY_MISMATCH_PENALTY ? ' (kept at the review threshold: a country never hides a hit)' : ''));
    } else if (countrySupports) {
      notes?.push(`country: ${country} matches the listed address`);
    }
    return score;
  }

  return {
    size: entries.length,
    thresholds,
    screen(q: ScreeningQuery, opts: { limit?: number } = {}): ScreeningMatch[] {
      if (typeof q.name !== 'string' || q.name.trim() === '') throw new InputError('name: empty; give the party name to screen', 'name', q.name);
      if (q.name.length > MAX_QUERY_LENGTH) {
        throw new InputError(`name: ${q.name.length} characters is too long to be a party name (at most ${MAX_QUERY_LENGTH})`, 'name', q.name.slice(0, 40));
      }
      const country = q.country === undefined || q.country === '' ? undefined : validCountry(q.country);
      const lists = q.lists && q.lists.length > 0 ? validLists(q.lists, loadedLists) : undefined;
      const limit = validLimit(opts.limit);
      const query = correctUnknownWords(analyseName(q.name, transliterate), (w) => index.holdsOrNear(w));
      if (query.tokens.length === 0) {
        throw new InputError(`name: "${q.name}" has nothing left to match once legal forms and punctuation are dropped`, 'name', q.name);
      }

      const best = new Map<number, Scored>();
      const candidates: Iterable<number> = options.scanAll ? names.keys() : index.candidates(query.tokens, thresholds.review);
      for (const id of candidates) {
        const name = names[id]!;
        const entry = entries[name.entry]!;
        if (lists && !lists.has(entry.list)) continue;
        const summary = agreementSummary(query.tokens, name.analysed.tokens);
        if (summary.pairs === 0) continue;
        const score = adjust(summary, name, entry, country);
        const held = best.get(name.entry);
        if (!held || score > held.score || (score === held.score && KIND_PRIORITY[name.name.kind] < KIND_PRIORITY[held.name.name.kind])) {
          best.set(name.entry, { name, score });
        }
      }

      return [...best.values()]
        .filter((s) => s.score >= thresholds.review)
        .sort((a, b) => b.score - a.score || KIND_PRIORITY[a.name.name.kind] - KIND_PRIORITY[b.name.name.kind] || a.name.entry - b.name.entry)
        .slice(0, limit)
        .map(({ name, score: raw }): ScreeningMatch => {
          const entry = entries[name.entry]!;
          const agreement = tokenAgreement(query.tokens, name.analysed.tokens);
          const adjustments: string[] = [];
          adjust(agreementSummary(query.tokens, name.analysed.tokens), name, entry, country, adjustments);
          const score = round(raw);
          return {
            entry_id: entry.id,
            name: entry.name,
            matched_alias: name.name.text,
            score,
            list: entry.list,
            country: entry.countries[0] ?? null,
            federal_register: entry.federal_register,
            license_requirement: entry.license_requirement,
            license_policy: entry.license_policy,
            explanation: explain(query, name, agreement, adjustments),
            verdict: score >= thresholds.block ? 'block' : 'review',
          };
        });
    },
  };
}
