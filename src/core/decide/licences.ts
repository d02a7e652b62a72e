import { inInterval, type IsoDate } from '../dates.js';
import type { ObligationKind } from './rules.js';

export interface LicenceCondition {
  kind: ObligationKind | 'other';
  percent?: number;
  payee?: string;
  text?: string;
}

/** A licence the exporter holds, with what it has already been used for. */
export interface Licence {
  number: string;
  holder: string;
  chips: string[];
  /** ISO alpha-2 as issued; Hong Kong and China are matched as the rules treat them. */
  destination: string;
  consignee: string | null;
  quantityLimit: number | null;
  valueLimitUsd: number | null;
  quantityUsed: number;
  valueUsedUsd: number;
  conditions: LicenceCondition[];
  validFrom: IsoDate;
  validTo: IsoDate;
}

export interface LicenceMatch {
  licence: Licence;
  quantity_left: number | null;
  value_left_usd: number | null;
}

export interface LicenceQuery {
  chipId: string;
  destination: string;
  consignee: string | null;
  seller: string | null;
  quantity: number | null;
  valueUsd: number | null;
  on: IsoDate;
}

/** Case- and punctuation-insensitive comparison of party names on a licence. */
export function sameParty(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return norm(a) === norm(b);
}

/**
 * Finds a valid licence covering the shipment with room left. Returns the match, or the reason each licence
 * did not match (so a decision can say why the register did not help).
 */
export function findLicence(
  licences: readonly Licence[],
  q: LicenceQuery,
): { match: LicenceMatch | null; rejected: { number: string; reason: string }[] } {
  const rejected: { number: string; reason: string }[] = [];
  for (const l of licences) {
    const reject = (reason: string) => rejected.push({ number: l.number, reason });
    if (!l.chips.includes(q.chipId)) continue;
    // A licence names its destination; one for China does not cover Hong Kong, though export rules treat HK as China.
    if (l.destination !== q.destination) continue;
    if (!inInterval(q.on, l.validFrom, l.validTo)) {
      reject(`not valid on ${q.on} (valid ${l.validFrom} to ${l.validTo})`);
      continue;
    }
    if (q.seller && !sameParty(l.holder, q.seller)) {
      reject(`held by ${l.holder}, not the seller ${q.seller}`);
      continue;
    }
    if (l.consignee !== null && (q.consignee === null || !sameParty(l.consignee, q.consignee))) {
      reject(`consignee is ${l.consignee}${q.consignee ? `, not ${q.consignee}` : '; the order names no buyer'}`);
      continue;
    }
    const quantityLeft = l.quantityLimit === null ? null : l.quantityLimit - l.quantityUsed;
    const valueLeft = l.valueLimitUsd === null ? null : l.valueLimitUsd - l.valueUsedUsd;
    if (quantityLeft !== null && (q.quantity === null || q.quantity > quantityLeft)) {
      reject(q.quantity === null ? 'order quantity not given; the licence has a quantity limit' : `only ${quantityLeft} units left`);
      continue;
    }
    if (valueLeft !== null && (q.valueUsd === null || q.valueUsd > valueLeft)) {
      reject(q.valueUsd === null ? 'order value not given; the licence has a value limit' : `only USD ${valueLeft} left`);
      continue;
    }
    return { match: { licence: l, quantity_left: quantityLeft, value_left_usd: valueLeft }, rejected };
  }
  return { match: null, rejected };
}
