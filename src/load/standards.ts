import { z } from 'zod';
import type { PcieBandwidths } from '../core/catalog/facts.js';
import { readYamlFile, validate } from './yaml-file.js';

const pcieSchema = z.strictObject({
  source: z.string().min(1),
  url: z.string().url(),
  confidence: z.enum(['primary', 'secondary']),
  lanes: z.number().int().positive(),
  generations: z.record(
    z.string(),
    z.strictObject({ transfer_rate_gtps: z.number().positive(), encoding: z.literal('128b/130b') }),
  ),
});

/** Bidirectional bandwidth per generation: rate (GT/s) x lanes x 128/130 / 8 bits, both directions. */
export function loadPcieBandwidths(path: string): PcieBandwidths {
  const spec = validate(readYamlFile(path), pcieSchema);
  const out: Record<string, number> = {};
  for (const [gen, g] of Object.entries(spec.generations)) {
    out[gen] = Math.round(((g.transfer_rate_gtps * spec.lanes * 128) / 130 / 8) * 2 * 100) / 100;
  }
  return out;
}
