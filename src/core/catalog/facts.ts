import type { Facts } from '../rules/facts.js';
import { memoryBandwidthDensity, performanceDensity, totalProcessingPerformance, type Chip } from './chip.js';

/** Bidirectional x16 bandwidth per PCIe generation, GB/s, computed from the standards data. */
export type PcieBandwidths = Readonly<Record<string, number>>;

export interface ChipMetrics {
  tpp: number | null;
  tppPrecisions: string[];
  pd: number | null;
  ioBandwidthGbps: number | null;
  memoryBandwidthDensity: number | null;
}

/**
 * Chip-to-chip I/O for the October 2022 test: the vendor's interconnect figure where given; for a card whose
 * only external link is PCIe, that link's x16 bandwidth; otherwise unknown.
 */
export function ioBandwidth(chip: Chip, pcie: PcieBandwidths): number | null {
  if (chip.interconnect.bandwidthGbps !== null) return chip.interconnect.bandwidthGbps;
  if (chip.interconnect.pcieOnly) return pcie[chip.interconnect.pcieOnly] ?? null;
  return null;
}

export function chipMetrics(chip: Chip, pcie: PcieBandwidths): ChipMetrics {
  const tpp = totalProcessingPerformance(chip);
  // A memory stack has no processing units, so its TPP is zero rather than unknown.
  const value = tpp.value === null && chip.hbmItem === true ? 0 : tpp.value;
  return {
    tpp: value,
    tppPrecisions: tpp.precisions,
    pd: performanceDensity(value, chip),
    ioBandwidthGbps: ioBandwidth(chip, pcie),
    memoryBandwidthDensity: memoryBandwidthDensity(chip),
  };
}

/** The chip's facts as rules see them. Unknowns stay null. */
export function chipFacts(chip: Chip, metrics: ChipMetrics): Facts {
  const mem = chip.memory.bandwidthGbps;
  const io = metrics.ioBandwidthGbps;
  return {
    'chip.id': chip.id,
    'chip.vendor': chip.vendor,
    'chip.tpp': metrics.tpp,
    'chip.pd': metrics.pd,
    'chip.datacenter': chip.datacenter,
    'chip.io_bandwidth_gbps': io,
    'chip.interconnect_gbps': chip.interconnect.bandwidthGbps,
    'chip.memory_bandwidth_gbps': mem,
    'chip.memory_plus_io_gbps': mem !== null && io !== null ? mem + io : null,
    'chip.hbm_item': chip.hbmItem,
    'chip.memory_bandwidth_density': metrics.memoryBandwidthDensity,
    'chip.china_specific': chip.chinaSpecific ?? null,
  };
}
