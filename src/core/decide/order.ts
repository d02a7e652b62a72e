import type { ScreeningMatch } from '../screening/index.js';
import type { Chip } from '../catalog/chip.js';
import type { ChipMetrics } from '../catalog/facts.js';
import type { IsoDate } from '../dates.js';

export interface PartyInput {
  name: string | null;
  /** ISO alpha-2 of the headquarters (or the ultimate parent's). */
  hq: string | null;
}

/** One order, validated: the shells turn CLI flags, JSON bodies and files into this. */
export interface Order {
  chip: Chip;
  metrics: ChipMetrics;
  /** Destination, ISO 3166 alpha-2 as given. */
  to: string;
  quantity: number | null;
  unitPriceUsd: number | null;
  buyer: PartyInput | null;
  endUser: PartyInput | null;
  endUse: string | null;
  stateFunded: boolean;
  seller: string | null;
  on: IsoDate;
  /** Country the goods leave from; the US rules' case-by-case window covers exports from the US only. */
  exportedFrom: string;
  /** Share (percent) of the buyer owned by restricted parties, when known (Affiliates rule). */
  buyerListedOwnershipPercent: number | null;
  /** Whether the buyer's parent is a listed party, when known. */
  buyerParentListed: boolean | null;
}

/** A restricted-party list hit for a named party, as the screening core reports it. */
export type PartyMatch = ScreeningMatch;

/**
 * Screens a party name (with its headquarters country, when known) against the restricted-party lists as they
 * stood on `on`: an entry listed after that date does not count.
 */
export type PartyScreen = (name: string, country: string | null, on: IsoDate) => PartyMatch[];
