import type { PartyMatch } from '../core/decide/order.js';
import { createScreener, type ListEntry, type ScreeningQuery, type Transliterate } from '../core/screening/index.js';
import { listedFrom, type ListingRule } from '../core/screening/listing-dates.js';
import type { ListVersion } from '../lists/index.js';

/** Party screening bound to one list version, for decisions (dated) and for `screen` requests. */
export interface PartyScreening {
  /**
   * Decisions: matches as the lists stood on `on`. An entry binds from the effective date of the rule that added
   * it when `listingRules` know it (the list's own start_date is often the later publication date), else from
   * its start_date; entries not yet binding on `on` are left out.
   */
  screenParty(name: string, country: string | null, on: string): PartyMatch[];
  /** The `screen` contract: `{query, matches}` best first, at or above the review threshold. */
  screen(q: ScreeningQuery & { limit?: number }): { query: string; matches: PartyMatch[] };
  version: ListVersion;
  /** List name to content hash, as the ledger records it. */
  versions: Record<string, string>;
}

/** Order desks screen the same customers again and again; results are kept per name and country. */
const SCREEN_CACHE_SIZE = 10_000;

export function partyScreening(entries: ListEntry[], version: ListVersion, transliterate: Transliterate, listingRules: readonly ListingRule[]): PartyScreening {
  const screener = createScreener(entries, { transliterate });
  const bindsFrom = new Map(
    entries.map((e) => {
      const from = listedFrom(e, listingRules);
      const note = from.rule && `binds from ${from.date}, the effective date of ${from.rule.citation} (${from.rule.source}); the list gives ${e.start_date}`;
      return [e.id, { date: from.date, note }];
    }),
  );
  const cache = new Map<string, PartyMatch[]>();
  const screenCached = (name: string, country: string | null): PartyMatch[] => {
    const key = `${country ?? ''}\u0000${name}`;
    let matches = cache.get(key);
    if (matches === undefined) {
      // The note saying which date a listing binds from does not depend on the order's date: added once, here.
      matches = screener.screen({ name, ...(country ? { country } : {}) }).map((m) => {
        const note = bindsFrom.get(m.entry_id)?.note;
        return note ? { ...m, explanation: [...m.explanation, note] } : m;
      });
      if (cache.size >= SCREEN_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, matches);
    }
    return matches;
  };
  return {
    version,
    versions: { csl: version.hash },
    screenParty(name, country, on) {
      return screenCached(name, country).filter((m) => {
        const since = bindsFrom.get(m.entry_id)?.date;
        return since == null || since <= on;
      });
    },
    screen(q) {
      const { limit, ...query } = q;
      return { query: q.name, matches: screener.screen(query, limit ? { limit } : undefined) };
    },
  };
}
