import { createHash } from 'node:crypto';
import type { ListEntry } from '../core/screening/index.js';

export type ListFormat = 'csl-csv' | 'csl-json';

/** Which lists a screening used: decisions record `hash` so they can be traced to the exact list content. */
export interface ListVersion {
  /** SHA-256 of the entries' content (see contentHash). */
  hash: string;
  origin: 'shipped' | 'imported';
  /** When it was imported (ISO timestamp); null for the lists shipped with chiplaw. */
  imported_at: string | null;
  /** Date of the list content: given at import, else the newest listing date in it. */
  source_date: string | null;
  source_files: string[];
  format: ListFormat;
  /** Entries per list code, e.g. {"EL": 138, "SDN": 1}. */
  counts: Record<string, number>;
  total: number;
}

/**
 * Hash over what screening uses, in a fixed field order and entry order. The CSL's own `_id`s are left out: they
 * are regenerated between releases (screening.md §1.2), and a release that only renumbers is the same list.
 */
export function contentHash(entries: readonly ListEntry[]): string {
  const canonical = entries
    .map((e) => [e.id, e.list, e.source, e.name, e.aliases, e.countries, e.addresses, e.federal_register,
      e.license_requirement, e.license_policy, e.footnotes, e.start_date])
    .map((fields) => JSON.stringify(fields))
    .sort();
  const h = createHash('sha256');
  for (const line of canonical) h.update(line).update('\n');
  return h.digest('hex');
}

function countsByList(entries: readonly ListEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.list] = (counts[e.list] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function newestListingDate(entries: readonly ListEntry[]): string | null {
  let newest: string | null = null;
  for (const e of entries) if (e.start_date && (newest === null || e.start_date > newest)) newest = e.start_date;
  return newest;
}

export function describeVersion(
  entries: readonly ListEntry[],
  meta: Pick<ListVersion, 'origin' | 'imported_at' | 'source_files' | 'format'> & { source_date?: string | null },
): ListVersion {
  return {
    hash: contentHash(entries),
    origin: meta.origin,
    imported_at: meta.imported_at,
    source_date: meta.source_date ?? newestListingDate(entries),
    source_files: meta.source_files,
    format: meta.format,
    counts: countsByList(entries),
    total: entries.length,
  };
}
