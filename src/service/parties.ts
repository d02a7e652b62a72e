import type { PartyMatch } from '../core/decide/order.js';
import { createScreener, type ListEntry, type ScreeningQuery, type Transliterate } from '../core/screening/index.js';
import type { ListVersion } from '../lists/index.js';

/** Party screening bound to one list version, for decisions (dated) and for `screen` requests. */
export interface PartyScreening {
  /** Decisions: matches as the lists stood on `on` (entries listed later are left out). */
  screenParty(name: string, country: string | null, on: string): PartyMatch[];
  /** The `screen` contract: `{query, matches}` best first, at or above the review threshold. */
  screen(q: ScreeningQuery & { limit?: number }): { query: string; matches: PartyMatch[] };
  version: ListVersion;
  /** List name to content hash, as the ledger records it. */
  versions: Record<string, string>;
}

/** Order desks screen the same customers again and again; results are kept per name and country. */
const SCREEN_CACHE_SIZE = 10_000;

export function partyScreening(entries: ListEntry[], version: ListVersion, transliterate: Transliterate): PartyScreening {
  const screener = createScreener(entries, { transliterate });
  const listedOn = new Map(entries.map((e) => [e.id, e.start_date]));
  const cache = new Map<string, PartyMatch[]>();
  const screenCached = (name: string, country: string | null): PartyMatch[] => {
    const key = `${country ?? ''}\u0000${name}`;
    let matches = cache.get(key);
    if (matches === undefined) {
      matches = screener.screen({ name, ...(country ? { country } : {}) });
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
        const since = listedOn.get(m.entry_id);
        return since == null || since <= on;
      });
    },
    screen(q) {
      const { limit, ...query } = q;
      return { query: q.name, matches: screener.screen(query, limit ? { limit } : undefined) };
    },
  };
}
