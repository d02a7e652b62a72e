import { z } from 'zod';
import type { Chip } from '../core/catalog/chip.js';
import { InputError } from '../core/errors.js';
import { recogniseVendor, type Vendor } from './vendors.js';

/**
 * Bounds far beyond any real chip (the largest today: about 10^4 dense TOPS, a 46,000 mm² wafer-scale die), so
 * that a mistyped figure is refused rather than overflowing TPP or performance density to infinity.
 */
const MAX_TOPS = 1e9;
const MAX_BANDWIDTH_GBPS = 1e9;
const tops = z.number().nonnegative().max(MAX_TOPS).optional();

/** A chip that is not in the catalog, as `classify --spec` and `check --spec` accept it. TOPS/TFLOPS are dense. */
export const chipSpecSchema = z.strictObject({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  vendor: z.string().min(1).optional(),
  datacenter: z.boolean().optional(),
  die_area_mm2: z.number().min(1).max(1e6).optional(),
  dense_tops: z
    .strictObject({ fp64: tops, fp32: tops, tf32: tops, fp16: tops, bf16: tops, fp8: tops, int8: tops, fp6: tops, fp4: tops, int4: tops })
    .optional(),
  memory_bandwidth_gbps: z.number().nonnegative().max(MAX_BANDWIDTH_GBPS).optional(),
  interconnect_gbps: z.number().nonnegative().max(MAX_BANDWIDTH_GBPS).optional(),
  hbm: z.boolean().optional(),
});

export type ChipSpec = z.infer<typeof chipSpecSchema>;

/**
 * Parses a spec object; the error names the field and the value. The vendor is read as the catalog names it
 * (`vendors`); one it does not recognise is unknown, so that rules naming vendors cannot be ruled out by a spelling.
 */
export function chipFromSpec(input: unknown, label: string, vendors: readonly Vendor[]): Chip {
  const r = chipSpecSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = [label, ...issue.path.map(String)].join('.');
    const value = issue.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), input);
    throw new InputError(`${field}: ${issue.message}${value !== undefined ? ` (got ${JSON.stringify(value)})` : ''}`, field, value);
  }
  const s = r.data;
  const dense: Chip['dense'] = {};
  for (const [k, v] of Object.entries(s.dense_tops ?? {})) if (v !== undefined) dense[k as keyof Chip['dense']] = v;
  const hasThroughput = Object.keys(dense).length > 0;
  const vendor = s.vendor === undefined ? null : recogniseVendor(s.vendor, vendors);
  const sources = ['user-supplied spec'];
  if (s.vendor !== undefined && vendor === null) sources.push(`vendor "${s.vendor}" is not one chiplaw recognises (data/vendors.yaml), so rules that name vendors cannot rule it out`);
  else if (s.vendor !== undefined && vendor !== s.vendor) sources.push(`vendor "${s.vendor}" read as ${vendor}`);
  return {
    id: s.id ?? s.name,
    vendor,
    name: s.name,
    status: null,
    datacenter: s.datacenter ?? null,
    die: { areaMm2: s.die_area_mm2 ?? null, areaScope: s.die_area_mm2 !== undefined ? 'all_logic_dies' : 'unknown' },
    dense,
    memory: { capacityGb: null, bandwidthGbps: s.memory_bandwidth_gbps ?? null },
    interconnect: { bandwidthGbps: s.interconnect_gbps ?? null },
    // A spec that gives throughput describes a logic IC; one that gives none must say whether it is HBM.
    hbmItem: s.hbm ?? (hasThroughput ? false : null),
    tdpW: null,
    sources,
  };
}
