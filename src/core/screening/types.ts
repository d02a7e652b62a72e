/**
 * One listed party as the screening core sees it, whatever file format it came from. Importers fill it; the core
 * never reads files. Text fields hold the published wording (trimmed, whitespace runs collapsed).
 */
export interface ListEntry {
  /** Stable id derived from the list, name and addresses: the CSL's own `_id` changes between releases. */
  id: string;
  /** Short list code: EL, MEU, UVL, DPL, SDN, CMIC, ... (the text in parentheses of the CSL `source`). */
  list: string;
  /** The CSL `source` as published, e.g. "Entity List (EL) - Bureau of Industry and Security". */
  source: string;
  name: string;
  aliases: string[];
  /** ISO 3166-1 alpha-2 codes taken from the addresses, in order of appearance, without repeats. */
  countries: string[];
  addresses: string[];
  /** FR citations joined by "; " (e.g. "84 FR 29373; 87 FR 62202"), or null when the list gives none. */
  federal_register: string | null;
  license_requirement: string | null;
  license_policy: string | null;
  /** Footnote numbers flattened into the licence requirement (4 = FDP rule of §734.9(e)(2), 5 = §734.9(e)(3)). */
  footnotes: number[];
  /** Listing date YYYY-MM-DD as the list gives it (publication or effective date; the CSL is inconsistent). */
  start_date: string | null;
  /** Identifiers from the source (CSL `_id`, OFAC `entity_number`); informative only, never used as keys. */
  source_ids: string[];
}

export interface ScreeningQuery {
  name: string;
  /** ISO 3166-1 alpha-2 country of the party screened. */
  country?: string;
  /** List codes to screen against (default: all loaded lists). */
  lists?: string[];
}

export interface ScreeningMatch {
  entry_id: string;
  name: string;
  matched_alias: string;
  score: number;
  list: string;
  country: string | null;
  federal_register: string | null;
  license_requirement: string | null;
  license_policy: string | null;
  explanation: string[];
  verdict: 'block' | 'review';
}

export interface Thresholds {
  /** At or above: the party is taken to be the listed one. */
  block: number;
  /** At or above (and below block): a person must look. Below: not reported. */
  review: number;
}

export interface Screener {
  screen(q: ScreeningQuery, opts?: { limit?: number }): ScreeningMatch[];
  readonly size: number;
  readonly thresholds: Thresholds;
}

/** Converts a run of Chinese characters to pinyin syllables separated by spaces, tones dropped. */
export type Transliterate = (han: string) => string;

export interface ScreenerOptions {
  transliterate?: Transliterate;
  thresholds?: Thresholds;
  /** Score every name instead of the index's candidates: the baseline for benchmarks and for index tests. */
  scanAll?: boolean;
}
