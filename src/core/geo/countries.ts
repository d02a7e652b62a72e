import { inInterval, type IsoDate } from '../dates.js';

export interface GroupChange {
  country: string;
  from: IsoDate | null;
  to: IsoDate | null;
  citation: string;
  url?: string;
  confidence: string;
}

export interface CountryGroupDef {
  code: string;
  title: string;
  members: string[];
  changes: GroupChange[];
  /** False when only some members are recorded (membership of others is unknown, not "no"). */
  complete: boolean;
}

export interface CountryData {
  names: Record<string, string>;
  treatedAs: Record<string, { as: string; citation: string; confidence: string }>;
  groups: CountryGroupDef[];
  snapshot: { as_of: IsoDate; citation: string; url: string; confidence: string };
}

interface Membership {
  group: string;
  from: IsoDate | null;
  to: IsoDate | null;
}

/** Country codes, the codes treated as another country, and dated country-group membership. */
export class Countries {
  private readonly memberships = new Map<string, Membership[]>();
  private readonly canonicalOf: Map<string, string>;

  constructor(readonly data: CountryData) {
    this.canonicalOf = new Map(Object.entries(data.treatedAs).map(([code, t]) => [code, t.as]));
    for (const g of data.groups) {
      for (const c of g.members) this.add(c, { group: g.code, from: null, to: null });
      for (const ch of g.changes) this.add(ch.country, { group: g.code, from: ch.from, to: ch.to });
    }
  }

  private add(country: string, m: Membership): void {
    const list = this.memberships.get(country) ?? [];
    list.push(m);
    this.memberships.set(country, list);
  }

  isCountry(code: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data.names, code);
  }

  name(code: string): string | undefined {
    return this.data.names[code];
  }

  /** The country whose rules apply, e.g. HK -> CN. */
  canonical(code: string): string {
    return this.canonicalOf.get(code) ?? code;
  }

  /** Memoised answers by code, then date: two lookups cost less than building and hashing a joint key. */
  private readonly groupsCache = new Map<string, Map<IsoDate, readonly string[]>>();
  private groupsCached = 0;

  /** Groups the country (after canonicalisation) belongs to on `date`; answers are memoised (read-only arrays). */
  groupsOf(code: string, date: IsoDate): readonly string[] {
    let byDate = this.groupsCache.get(code);
    let groups = byDate?.get(date);
    if (!groups) {
      if (this.groupsCached >= 100_000) {
        this.groupsCache.clear();
        this.groupsCached = 0;
        byDate = undefined;
      }
      if (!byDate) this.groupsCache.set(code, (byDate = new Map()));
      groups = Object.freeze(this.computeGroups(code, date));
      byDate.set(date, groups);
      this.groupsCached++;
    }
    return groups;
  }

  private computeGroups(code: string, date: IsoDate): string[] {
    const list = this.memberships.get(this.canonical(code));
    if (!list) return [];
    const out: string[] = [];
    for (const m of list) {
      if (m.from === null ? m.to === null || date <= m.to : inInterval(date, m.from, m.to)) {
        if (!out.includes(m.group)) out.push(m.group);
      }
    }
    return out;
  }
}
