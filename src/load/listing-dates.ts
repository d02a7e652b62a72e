import { z } from 'zod';
import type { ListingRule } from '../core/screening/listing-dates.js';
import { isoDate } from './instrument.js';
import { readYamlFile, validate } from './yaml-file.js';

const listingDatesSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        citation: z.string().regex(/^\d+ FR \d+/, 'must begin "<volume> FR <page>"'),
        title: z.string().min(3),
        published: isoDate,
        effective: isoDate,
        source: z.string().min(3),
        confidence: z.enum(['primary', 'secondary', 'reported', 'unconfirmed']),
      }),
    )
    .min(1),
});

/** Reads `data/lists/listing-dates.yaml`: when list additions took effect, where that differs from the list's own dates. */
export function loadListingRules(path: string): ListingRule[] {
  return validate(readYamlFile(path), listingDatesSchema).rules.map((r) => ({ ...r, volume: Number(/^(\d+) FR/.exec(r.citation)![1]) }));
}
