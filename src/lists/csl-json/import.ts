import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { ListEntry } from '../../core/screening/index.js';
import { entryFromCsl } from '../csl-record.js';

/** Strings may be null or missing in the bulk file (OpenSanctions strips whitespace-only values first). */
const text = z.string().nullish().transform((s) => s ?? '');
/** Multi-valued fields are arrays in JSON; a few feeds flatten them to "; "-joined strings, accepted too. */
const strings = z
  .union([z.array(z.string().nullable()), z.string(), z.null()])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? v.split(';') : []));

/** An address object; the bulk file says `state`, the search API's OpenAPI `state_or_province` (screening.md §1.3). */
const address = z.looseObject({
  address: text, city: text, state: text, state_or_province: text, postal_code: text, country: text,
});

const result = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  _id: z.union([z.string(), z.number()]).nullish(),
  source: z.string().min(1),
  entity_number: z.union([z.string(), z.number()]).nullish(),
  name: z.string().min(1),
  addresses: z.union([z.array(address), z.string(), z.null()]).optional(),
  federal_register_notice: text,
  start_date: text,
  license_requirement: text,
  license_policy: text,
  alt_names: strings,
});

const document = z.union([z.looseObject({ results: z.array(z.unknown()) }), z.array(z.unknown())]);

const asText = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** Flattens an address object the way the CSV does: parts joined by ", ", the ISO country last. */
function flatten(a: z.infer<typeof address>): string {
  return [a.address, a.city, a.state || a.state_or_province, a.postal_code, a.country].map((s) => s.trim()).filter(Boolean).join(', ');
}

/** Parses the CSL bulk JSON ({ "results": [...] }, or a bare array). Every result must parse; errors name it. */
export function parseCslJson(json: string, file: string): ListEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new InputError(`${file}: malformed JSON: ${(e as Error).message}`, 'file', file);
  }
  const top = document.safeParse(doc);
  if (!top.success) throw new InputError(`${file}: not a CSL JSON file (expected {"results": [...]})`, 'file', file);
  const results = Array.isArray(top.data) ? top.data : top.data.results;
  if (results.length === 0) throw new InputError(`${file}: no results`, 'file', file);
  return results.map((raw, i) => {
    const where = `${file}: results[${i}]`;
    const r = result.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new InputError(`${where}.${issue.path.map(String).join('.')}: ${issue.message}`, 'file', file);
    }
    const rec = r.data;
    const addresses = Array.isArray(rec.addresses) ? rec.addresses : [];
    return entryFromCsl(
      {
        source_id: asText(rec.id ?? rec._id),
        source: rec.source,
        entity_number: asText(rec.entity_number),
        name: rec.name,
        addresses: typeof rec.addresses === 'string' ? rec.addresses.split(/;\s+(?!and\b)/) : addresses.map(flatten),
        countries: addresses.map((a) => a.country),
        federal_register_notice: rec.federal_register_notice,
        start_date: rec.start_date,
        license_requirement: rec.license_requirement,
        license_policy: rec.license_policy,
        alt_names: rec.alt_names,
      },
      where,
    );
  });
}
