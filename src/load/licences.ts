import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Licence } from '../core/decide/licences.js';
import { InputError } from '../core/errors.js';
import { isoDate } from './instrument.js';
import { parseYamlText, validate } from './yaml-file.js';

export const licenceSchema = z.strictObject({
  number: z.string().trim().min(1),
  holder: z.string().trim().min(1),
  chips: z.array(z.string().min(1)).min(1),
  destination: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
  consignee: z.string().trim().min(1).nullable().optional(),
  quantity_limit: z.number().int().positive().nullable().optional(),
  value_limit_usd: z.number().positive().nullable().optional(),
  quantity_used: z.number().int().nonnegative().optional(),
  value_used_usd: z.number().nonnegative().optional(),
  conditions: z
    .array(
      z.strictObject({
        kind: z.enum(['revenue_share', 'tariff', 'other']),
        percent: z.number().positive().max(100).optional(),
        payee: z.string().optional(),
        text: z.string().optional(),
      }),
    )
    .optional(),
  valid_from: isoDate,
  valid_to: isoDate,
});

const registerSchema = z.strictObject({ licences: z.array(licenceSchema) });

export type LicenceRecord = z.infer<typeof licenceSchema>;

export function licenceFromRecord(r: LicenceRecord): Licence {
  return {
    number: r.number,
    holder: r.holder,
    chips: r.chips,
    destination: r.destination,
    consignee: r.consignee ?? null,
    quantityLimit: r.quantity_limit ?? null,
    valueLimitUsd: r.value_limit_usd ?? null,
    quantityUsed: r.quantity_used ?? 0,
    valueUsedUsd: r.value_used_usd ?? 0,
    conditions: r.conditions ?? [],
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

/** Reads a licence register (YAML or JSON: `{licences: [...]}`); errors name the file, line and field. */
export function loadLicenceFile(path: string, isChip: (id: string) => boolean): Licence[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`--licences: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, '--licences', path);
  }
  const file = parseYamlText(path, text);
  const parsed = validate(file, registerSchema);
  const seen = new Set<string>();
  return parsed.licences.map((r, i) => {
    if (seen.has(r.number)) throw new InputError(`${path}:${file.lineOf(['licences', i, 'number']) ?? ''}: licences.${i}.number: licence "${r.number}" appears twice`, `licences.${i}.number`, r.number);
    seen.add(r.number);
    if (r.valid_to < r.valid_from) throw new InputError(`${path}: licences.${i}.valid_to is before valid_from`, `licences.${i}.valid_to`, r.valid_to);
    r.chips.forEach((c, j) => {
      if (!isChip(c)) throw new InputError(`${path}:${file.lineOf(['licences', i, 'chips', j]) ?? ''}: licences.${i}.chips.${j}: unknown chip id "${c}"`, `licences.${i}.chips`, c);
    });
    return licenceFromRecord(r);
  });
}
