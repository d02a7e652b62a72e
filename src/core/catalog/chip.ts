/** Precisions whose dense throughput counts towards TPP, with the bit length the rule multiplies by. */
export const TPP_BIT_LENGTH = {
  fp64: 64,
  fp32: 32,
  fp16: 16,
  bf16: 16,
  fp8: 8,
  int8: 8,
  fp6: 6,
  fp4: 4,
  int4: 4,
} as const;

export type TppPrecision = keyof typeof TPP_BIT_LENGTH;
export const TPP_PRECISIONS = Object.keys(TPP_BIT_LENGTH) as TppPrecision[];

/**
 * TF32 is recorded but never counted in TPP: it carries 19 significant bits in a 32-bit container and no
 * source settles its bit length, so counting it at 32 would overstate and at 19 would be invented.
 */
export type Precision = TppPrecision | 'tf32';

export type DieAreaScope = 'all_logic_dies' | 'compute_die_only' | 'unknown';
export type ChipStatus = 'shipping' | 'in_service' | 'reported' | 'announced' | 'discontinued' | 'withdrawn';

/** One accelerator. `null` always means "not known", never zero. */
export interface Chip {
  id: string;
  /** The designer as the catalog names it; null for a spec whose vendor chiplaw does not recognise. */
  vendor: string | null;
  name: string;
  variant?: string;
  releaseYear?: number;
  status: ChipStatus | null;
  statusNote?: string;
  /** Designed or marketed for use in datacenters (Note 2 to 3A090, NAC eligibility). */
  datacenter: boolean | null;
  datacenterNote?: string;
  chinaSpecific?: 'yes' | 'no' | 'domestic';
  die: {
    name?: string;
    count?: number;
    areaMm2: number | null;
    areaScope: DieAreaScope;
    process?: string;
  };
  /** Dense throughput per precision, TFLOPS or TOPS. A precision absent here contributes nothing to TPP. */
  dense: Partial<Record<Precision, number>>;
  memory: { type?: string; capacityGb: number | null; bandwidthGbps: number | null };
  interconnect: {
    type?: string;
    bandwidthGbps: number | null;
    /** Set when the card's only external link is its PCIe host interface, e.g. "PCIe 4.0". */
    pcieOnly?: string;
  };
  /** The item itself is a high-bandwidth-memory stack (3A090.c), not a logic IC that uses HBM. */
  hbmItem: boolean | null;
  tdpW: number | null;
  confidence?: 'high' | 'medium' | 'low';
  sources: string[];
  notes?: string;
}

export interface TppResult {
  value: number | null;
  /** The precision(s) that set the maximum. */
  precisions: TppPrecision[];
}

/** TPP = max over precisions of dense throughput x bit length. Unknown when no throughput is known. */
export function totalProcessingPerformance(chip: Pick<Chip, 'dense'>): TppResult {
  let best: number | null = null;
  let precisions: TppPrecision[] = [];
  for (const p of TPP_PRECISIONS) {
    const tops = chip.dense[p];
    if (tops === undefined) continue;
    const tpp = roundMetric(tops * TPP_BIT_LENGTH[p]);
    if (best === null || tpp > best) {
      best = tpp;
      precisions = [p];
    } else if (tpp === best) {
      precisions.push(p);
    }
  }
  return { value: best, precisions };
}

/**
 * Performance density = TPP / applicable die area. The applicable area is the sum of all logic dies; when the
 * data covers only the compute die (an I/O die exists) or no area at all, PD is unknown.
 */
export function performanceDensity(tpp: number | null, chip: Pick<Chip, 'die'>): number | null {
  if (tpp === null || chip.die.areaScope !== 'all_logic_dies' || chip.die.areaMm2 === null) return null;
  if (chip.die.areaMm2 <= 0) return null;
  return tpp / chip.die.areaMm2;
}

/** Memory bandwidth density of an HBM item: bandwidth (GB/s) / stack area (mm2). */
export function memoryBandwidthDensity(chip: Pick<Chip, 'hbmItem' | 'memory' | 'die'>): number | null {
  if (chip.hbmItem !== true || chip.memory.bandwidthGbps === null || chip.die.areaMm2 === null) return null;
  if (chip.die.areaMm2 <= 0) return null;
  return chip.memory.bandwidthGbps / chip.die.areaMm2;
}

/** Products of decimal figures such as 660.6 x 8 are rounded to remove binary floating-point noise. */
function roundMetric(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
