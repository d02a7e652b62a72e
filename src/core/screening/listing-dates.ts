import type { ListEntry } from './types.js';

/** A rule adding entries to a list, with the date it took effect (see data/lists/listing-dates.yaml). */
export interface ListingRule {
  citation: string;
  title: string;
  /** Federal Register volume, such as 88 for "88 FR 71991". */
  volume: number;
  published: string;
  effective: string;
  source: string;
  confidence: 'primary' | 'secondary' | 'reported' | 'unconfirmed';
}

/** From when an entry binds, and what says so. */
export interface ListedFrom {
  date: string | null;
  /** The rule that gave the effective date, or null when the list's own start_date is all there is. */
  rule: ListingRule | null;
}

/**
 * The date a listing binds from: the effective date of the rule that published it, when the entry's start_date is
 * that rule's publication date and the entry cites that rule's Federal Register volume; else the entry's start_date
 * (which the CSL gives as a publication or an effective date, inconsistently).
 */
export function listedFrom(entry: Pick<ListEntry, 'start_date' | 'federal_register'>, rules: readonly ListingRule[]): ListedFrom {
  const volumes = new Set([...(entry.federal_register ?? '').matchAll(/\b(\d+) FR\b/g)].map((m) => Number(m[1])));
  const rule = rules.find((r) => r.published === entry.start_date && volumes.has(r.volume));
  return rule ? { date: rule.effective, rule } : { date: entry.start_date, rule: null };
}
