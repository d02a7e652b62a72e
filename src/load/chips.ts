import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Chip } from '../core/catalog/chip.js';
import { DataFileError, readYamlFile, validate } from './yaml-file.js';

const amount = z.number().positive().nullable();
const throughput = z.number().positive().optional();

export const chipSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  vendor: z.string().min(1),
  name: z.string().min(1),
  variant: z.string().optional(),
  release_year: z.number().int().min(1990).max(2100).optional(),
  status: z.enum(['shipping', 'in_service', 'reported', 'announced', 'discontinued', 'withdrawn']),
  status_note: z.string().optional(),
  datacenter: z.boolean().nullable(),
  datacenter_note: z.string().optional(),
  china_specific: z.enum(['yes', 'no', 'domestic']).optional(),
  die: z.strictObject({
    name: z.string().optional(),
    count: z.number().int().positive().optional(),
    area_mm2: amount,
    area_scope: z.enum(['all_logic_dies', 'compute_die_only', 'unknown']),
    process: z.string().optional(),
  }),
  dense: z.strictObject({
    fp64: throughput,
    fp32: throughput,
    tf32: throughput,
    fp16: throughput,
    bf16: throughput,
    fp8: throughput,
    int8: throughput,
    fp6: throughput,
    fp4: throughput,
    int4: throughput,
  }),
  memory: z.strictObject({ type: z.string().optional(), capacity_gb: amount, bandwidth_gbps: amount }),
  interconnect: z.strictObject({
    type: z.string().optional(),
    bandwidth_gbps: amount,
    pcie_only: z.string().optional(),
  }),
  hbm_item: z.boolean().optional(),
  tdp_w: amount,
  confidence: z.enum(['high', 'medium', 'low']),
  sources: z.array(z.string().min(1)).min(1, 'every chip needs at least one source'),
  notes: z.string().optional(),
});

const chipFileSchema = z.strictObject({ chips: z.array(chipSchema).min(1) });

export type ChipRecord = z.infer<typeof chipSchema>;

export function chipFromRecord(r: ChipRecord): Chip {
  const dense: Chip['dense'] = {};
  for (const [k, v] of Object.entries(r.dense)) if (v !== undefined) dense[k as keyof Chip['dense']] = v;
  return {
    id: r.id,
    vendor: r.vendor,
    name: r.name,
    variant: r.variant,
    releaseYear: r.release_year,
    status: r.status,
    statusNote: r.status_note,
    datacenter: r.datacenter,
    datacenterNote: r.datacenter_note,
    chinaSpecific: r.china_specific,
    die: {
      name: r.die.name,
      count: r.die.count,
      areaMm2: r.die.area_mm2,
      areaScope: r.die.area_scope,
      process: r.die.process,
    },
    dense,
    memory: { type: r.memory.type, capacityGb: r.memory.capacity_gb, bandwidthGbps: r.memory.bandwidth_gbps },
    interconnect: {
      type: r.interconnect.type,
      bandwidthGbps: r.interconnect.bandwidth_gbps,
      pcieOnly: r.interconnect.pcie_only,
    },
    // Catalog entries are logic ICs unless a file says the item is itself an HBM stack.
    hbmItem: r.hbm_item ?? false,
    tdpW: r.tdp_w,
    confidence: r.confidence,
    sources: r.sources,
    notes: r.notes,
  };
}

/** Loads every `*.yaml` under `dir`; errors name the file, line, chip and field. */
export function loadChipDir(dir: string, pcieGenerations: ReadonlySet<string>): Chip[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const chips: Chip[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = readYamlFile(join(dir, name));
    const records = (file.data as { chips?: { id?: unknown }[] } | null)?.chips;
    const parsed = validate(file, chipFileSchema, (path) => {
      const index = path[1];
      const id = typeof index === 'number' ? records?.[index]?.id : undefined;
      return typeof id === 'string' ? `chip ${id}: ` : '';
    });
    parsed.chips.forEach((r, i) => {
      const previous = seen.get(r.id);
      if (previous) {
        throw new DataFileError(file.path, file.lineOf(['chips', i, 'id']), `chip ${r.id}: id`, `duplicate id (also in ${previous})`);
      }
      if (r.interconnect.pcie_only && !pcieGenerations.has(r.interconnect.pcie_only)) {
        throw new DataFileError(
          file.path,
          file.lineOf(['chips', i, 'interconnect', 'pcie_only']),
          `chip ${r.id}: interconnect.pcie_only`,
          `unknown PCIe generation "${r.interconnect.pcie_only}"`,
        );
      }
      seen.set(r.id, file.path);
      chips.push(chipFromRecord(r));
    });
  }
  return chips;
}
