import { z } from 'zod';
import { chipMetrics } from '../core/catalog/facts.js';
import { isIsoDate, todayIso } from '../core/dates.js';
import type { Order } from '../core/decide/order.js';
import { InputError } from '../core/errors.js';
import type { Dataset } from './dataset.js';
import { chipFromSpec } from './spec.js';

const name = z.string().trim().min(1).max(500);
const countryCode = z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 code such as CN').transform((s) => s.toUpperCase());

/** An order as JSON (`check --order`, `POST /v1/check`); the CLI flags map onto the same fields. */
export const orderSchema = z
  .strictObject({
    chip: z.string().min(1).optional(),
    spec: z.unknown().optional(),
    to: countryCode,
    qty: z.number().int('must be a whole number').positive('must be at least 1').max(1e9).optional(),
    unit_price: z.number().nonnegative('must not be negative').max(1e9).optional(),
    buyer: name.optional(),
    buyer_hq: countryCode.optional(),
    end_user: name.optional(),
    end_user_hq: countryCode.optional(),
    end_use: z.string().trim().min(1).max(2000).optional(),
    state_funded: z.boolean().optional(),
    seller: name.optional(),
    on: z.string().refine(isIsoDate, 'must be a real date YYYY-MM-DD').optional(),
    exported_from: countryCode.optional(),
    buyer_listed_ownership_percent: z.number().min(0).max(100).optional(),
    buyer_parent_listed: z.boolean().optional(),
  })
  .refine((o) => (o.chip === undefined) !== (o.spec === undefined), { message: 'give exactly one of chip or spec', path: ['chip'] });

export type OrderInput = z.infer<typeof orderSchema>;

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), input);
}

/** Validates an order against the schema and the data (chip ids, country codes); errors name field and value. */
export function parseOrder(input: unknown, data: Dataset, label = 'order'): Order {
  const r = orderSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = [label, ...issue.path.map(String)].join('.');
    const value = valueAt(input, issue.path);
    throw new InputError(`${field}: ${issue.message}${value !== undefined ? ` (got ${JSON.stringify(value)})` : ''}`, field, value);
  }
  const o = r.data;
  for (const key of ['to', 'buyer_hq', 'end_user_hq', 'exported_from'] as const) {
    const cc = o[key];
    if (cc !== undefined && !data.countries.isCountry(cc)) {
      throw new InputError(`${label}.${key}: "${cc}" is not an ISO 3166 alpha-2 country code`, `${label}.${key}`, cc);
    }
  }
  let chip;
  if (o.chip !== undefined) {
    const entry = data.catalog.get(o.chip);
    if (!entry) throw new InputError(`${label}.chip: unknown chip id "${o.chip}" (run "chiplaw chips" for the catalog)`, `${label}.chip`, o.chip);
    chip = entry;
  } else {
    const spec = chipFromSpec(o.spec, `${label}.spec`, data.vendors);
    chip = { chip: spec, metrics: chipMetrics(spec, data.pcie) };
  }
  const party = (n: string | undefined, hq: string | undefined) => (n === undefined && hq === undefined ? null : { name: n ?? null, hq: hq ?? null });
  return {
    chip: chip.chip,
    metrics: chip.metrics,
    to: o.to,
    quantity: o.qty ?? null,
    unitPriceUsd: o.unit_price ?? null,
    buyer: party(o.buyer, o.buyer_hq),
    endUser: party(o.end_user, o.end_user_hq),
    endUse: o.end_use ?? null,
    stateFunded: o.state_funded ?? false,
    seller: o.seller ?? null,
    on: o.on ?? todayIso(),
    exportedFrom: o.exported_from ?? 'US',
    buyerListedOwnershipPercent: o.buyer_listed_ownership_percent ?? null,
    buyerParentListed: o.buyer_parent_listed ?? null,
  };
}
