import type { Chip } from '../catalog/chip.js';
import { chipFacts, type ChipMetrics } from '../catalog/facts.js';
import type { IsoDate } from '../dates.js';
import { classifyCore, explainClassification, type Classification, type ClassificationCore, type CompiledEccnVersion } from './eccn.js';
import type { Facts } from '../rules/facts.js';

/** The stable `classify --json` contract: a chip, its metrics and its 3A090 classification on a date. */
export interface ChipClassification extends Omit<Classification, 'on'> {
  chip: string;
  name: string;
  /** Null for a spec whose vendor chiplaw does not recognise. */
  vendor: string | null;
  on: IsoDate;
  tpp: number | null;
  pd: number | null;
}

export function classifyChip(chip: Chip, metrics: ChipMetrics, versions: readonly CompiledEccnVersion[], on: IsoDate): ChipClassification {
  const facts = chipFacts(chip, metrics);
  return chipReport(chip, metrics, classifyCore(facts, versions, on), facts);
}

/** The report for a classification already computed (order decisions classify once and explain once). */
export function chipReport(chip: Chip, metrics: ChipMetrics, core: ClassificationCore, facts: Facts): ChipClassification {
  const on = core.on;
  const c = explainClassification(core, facts);
  return {
    chip: chip.id,
    name: chip.variant ? `${chip.name} ${chip.variant}` : chip.name,
    vendor: chip.vendor,
    on,
    tpp: metrics.tpp,
    pd: metrics.pd === null ? null : Math.round(metrics.pd * 1000) / 1000,
    status: c.status,
    eccn: c.eccn,
    ...(c.possible_eccns ? { possible_eccns: c.possible_eccns } : {}),
    tests: c.tests,
    rule: c.rule,
    missing: c.missing,
  };
}
