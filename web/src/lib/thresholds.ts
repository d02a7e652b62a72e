import type { Condition, EccnVersion, FactTest } from './types.js';

// The scatter's threshold lines are read from the rule data (GET /v1/eccn/3a090), never typed into the UI: each
// 3A090 test that is a conjunction of bounds is a rectangle in the (TPP, PD) plane, and its edges are the lines.

export interface Range {
  min: number | null;
  max: number | null;
}

export interface ThresholdRegion {
  /** The test's id, e.g. `3A090.a.2`. */
  test: string;
  /** The paragraph it puts a chip in, e.g. `3A090.a`. */
  eccn: string;
  text: string;
  tpp: Range;
  pd: Range;
  /** Conditions on facts the chart has no axis for, as text (`chip.io_bandwidth_gbps >= 600`). */
  otherConditions: string[];
}

export interface VersionRegions {
  regions: ThresholdRegion[];
  /** Tests that are not a plain conjunction of bounds (an `any` or `not`), or that bound neither TPP nor PD. */
  notDrawn: { test: string; text: string }[];
}

const AXIS_FACTS = { 'chip.tpp': 'tpp', 'chip.pd': 'pd' } as const;
const OPERATOR_TEXT = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥', in: 'in', includes: 'includes', includes_any: 'includes any of', known: 'known' } as const;

/** The leaves of a condition that is a conjunction; null when it contains an `any` or a `not`. */
function conjunctionLeaves(cond: Condition): FactTest[] | null {
  if ('all' in cond) {
    const leaves: FactTest[] = [];
    for (const part of cond.all) {
      const inner = conjunctionLeaves(part);
      if (inner === null) return null;
      leaves.push(...inner);
    }
    return leaves;
  }
  if ('any' in cond || 'not' in cond) return null;
  return [cond];
}

function describeLeaf(leaf: FactTest): string {
  const parts: string[] = [];
  for (const [op, symbol] of Object.entries(OPERATOR_TEXT)) {
    const value = leaf[op as keyof typeof OPERATOR_TEXT];
    if (value !== undefined) parts.push(`${leaf.fact} ${symbol} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  }
  return parts.join(' and ');
}

/** Narrows `range` by a leaf's numeric bounds. Strict and non-strict bounds draw the same line. */
function narrow(range: Range, leaf: FactTest): boolean {
  let bounded = false;
  for (const op of ['gte', 'gt', 'eq'] as const) {
    const v = leaf[op];
    if (typeof v === 'number') {
      range.min = range.min === null ? v : Math.max(range.min, v);
      bounded = true;
    }
  }
  for (const op of ['lt', 'lte', 'eq'] as const) {
    const v = leaf[op];
    if (typeof v === 'number') {
      range.max = range.max === null ? v : Math.min(range.max, v);
      bounded = true;
    }
  }
  return bounded;
}

/** The regions of one 3A090 version's tests in the (TPP, PD) plane. */
export function regionsOf(version: EccnVersion): VersionRegions {
  const regions: ThresholdRegion[] = [];
  const notDrawn: VersionRegions['notDrawn'] = [];
  for (const test of version.tests) {
    const leaves = conjunctionLeaves(test.when);
    if (leaves === null) {
      notDrawn.push({ test: test.id, text: test.text });
      continue;
    }
    const region: ThresholdRegion = { test: test.id, eccn: test.eccn, text: test.text, tpp: { min: null, max: null }, pd: { min: null, max: null }, otherConditions: [] };
    let onAxes = false;
    for (const leaf of leaves) {
      const axis = AXIS_FACTS[leaf.fact as keyof typeof AXIS_FACTS];
      if (axis && narrow(region[axis], leaf)) onAxes = true;
      else region.otherConditions.push(describeLeaf(leaf));
    }
    if (onAxes) regions.push(region);
    else notDrawn.push({ test: test.id, text: test.text });
  }
  return { regions, notDrawn };
}

/** The version whose [effective, ends] contains `date` (ends inclusive), or null before the first. */
export function versionInForce(versions: readonly EccnVersion[], date: string): EccnVersion | null {
  return versions.find((v) => v.instrument.effective <= date && (!v.instrument.ends || date <= v.instrument.ends)) ?? null;
}
