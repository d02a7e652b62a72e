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

export function partyScreening(entries: ListEntry[], version: ListVersion, transliterate: Transliterate): PartyScreening {
  const screener = createScreener(entries, { transliterate });
  const listedOn = new Map(entries.map((e) => [e.id, e.start_date]));
  return {
    version,
    versions: { csl: version.hash },
    screenParty(name, country, on) {
      return screener.screen({ name, ...(country ? { country } : {}) }).filter((m) => {
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
