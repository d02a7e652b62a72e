import type { IsoDate } from '../dates.js';

export type Jurisdiction = 'US' | 'CN' | string;

/**
 * How sure we are of the instrument: `primary` (read in the official text), `secondary` (law-firm or press
 * summary of an official act), `reported` (unpublished guidance known only from press reports),
 * `unconfirmed` (looked for, not confirmed; never changes a decision by itself).
 */
export type Confidence = 'primary' | 'secondary' | 'reported' | 'unconfirmed';

/** The legal instrument a rule comes from, with its dates. Dates are inclusive; `ends` is the last day in force. */
export interface Instrument {
  id: string;
  jurisdiction: Jurisdiction;
  title: string;
  citation: string;
  url: string;
  published: IsoDate | null;
  effective: IsoDate;
  compliance: IsoDate | null;
  ends: IsoDate | null;
  confidence: Confidence;
  /** Where the instrument is in force but not enforced, the first day of non-enforcement. */
  notEnforcedFrom: IsoDate | null;
  notes?: string;
}

export interface RuleRef {
  id: string;
  citation: string;
  url: string;
}
