import { inInterval, type IsoDate } from '../dates.js';
import { compileConditionNode, evaluate, factsOf, type Condition, type ConditionNode, type Truth } from '../rules/condition.js';
import { factReader, type FactName, type Facts, type FactVector } from '../rules/facts.js';
import type { Instrument, RuleRef } from '../rules/source.js';

/** One parameter test of an ECCN paragraph, e.g. 3A090.a.2 "TPP >= 1600 and PD >= 5.92". */
export interface EccnTest {
  id: string;
  eccn: string;
  text: string;
  when: Condition;
}

/** A note that takes an item out of listed paragraphs, e.g. Note 2 to 3A090 for non-datacenter parts. */
export interface EccnExclusion {
  id: string;
  text: string;
  appliesTo: string[];
  when: Condition;
}

/** One dated version of an ECCN's parameters, e.g. 3A090 as amended on 2023-11-17. */
export interface EccnVersion {
  instrument: Instrument;
  /** Paragraphs in the order they are tested: the first that applies wins (3A090.b only if not .a). */
  paragraphs: string[];
  tests: EccnTest[];
  exclusions: EccnExclusion[];
}

export type ClassificationStatus = 'controlled' | 'not_controlled' | 'insufficient_data';
export type Outcome = 'met' | 'not_met' | 'unknown';

export interface TestReport {
  test: string;
  kind: 'test' | 'exclusion';
  /** True only when the test is established as met; see `outcome` for unknown. */
  met: boolean;
  outcome: Outcome;
  eccn?: string;
  applies_to?: string[];
  text: string;
  inputs: Partial<Record<FactName, unknown>>;
  missing?: FactName[];
}

export interface Classification {
  on: IsoDate;
  status: ClassificationStatus;
  eccn: string | null;
  /** When status is insufficient_data, the paragraphs the item might fall in. */
  possible_eccns?: string[];
  tests: TestReport[];
  rule: RuleRef | null;
  /** Facts whose absence left the answer open. */
  missing: FactName[];
}

interface CompiledTest {
  def: EccnTest | EccnExclusion;
  kind: 'test' | 'exclusion';
  condition: ConditionNode;
  reads: FactName[];
}

export interface CompiledEccnVersion {
  version: EccnVersion;
  ref: RuleRef;
  /** Per paragraph, indexes into `all` of its tests and of the exclusions that apply to it. */
  paragraphs: { eccn: string; tests: number[]; exclusions: number[] }[];
  all: CompiledTest[];
  /** The facts the tests read, the only ones a classification needs, in their slots for `evaluate`. */
  readFacts: (facts: Facts) => FactVector;
}

/** Compiles an ECCN version's conditions once; rule-file loaders report errors with file and line. */
export function compileEccnVersion(version: EccnVersion): CompiledEccnVersion {
  const compile = (def: EccnTest | EccnExclusion, kind: 'test' | 'exclusion'): CompiledTest => ({
    def,
    kind,
    condition: compileConditionNode(def.when),
    reads: [...factsOf(def.when)],
  });
  const all = [...version.exclusions.map((e) => compile(e, 'exclusion')), ...version.tests.map((t) => compile(t, 'test'))];
  const indexesWhere = (pred: (t: CompiledTest) => boolean) => all.flatMap((t, i) => (pred(t) ? [i] : []));
  const read = factReader([...new Set(all.flatMap((t) => t.reads))]);
  // A classification evaluates every test at once and keeps only the truths, so one vector is refilled each time.
  const scratch = read({});
  return {
    version,
    ref: { id: version.instrument.id, citation: version.instrument.citation, url: version.instrument.url },
    paragraphs: version.paragraphs.map((eccn) => ({
      eccn,
      tests: indexesWhere((t) => t.kind === 'test' && (t.def as EccnTest).eccn === eccn),
      exclusions: indexesWhere((t) => t.kind === 'exclusion' && (t.def as EccnExclusion).appliesTo.includes(eccn)),
    })),
    all,
    readFacts: (facts) => read(facts, scratch),
  };
}

/** The version in force on `date`, if any. Versions must not overlap (checked when the rule set is built). */
export function versionInForce(versions: readonly CompiledEccnVersion[], date: IsoDate): CompiledEccnVersion | null {
  for (const v of versions) {
    const i = v.version.instrument;
    if (inInterval(date, i.effective, i.ends)) return v;
  }
  return null;
}

const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === null || b === null ? null : false);
const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === null || b === null ? null : true);
const not = (a: Truth): Truth => (a === null ? null : !a);

/** The decision alone: cheap enough for the hot path of order decisions. */
export interface ClassificationCore {
  on: IsoDate;
  status: ClassificationStatus;
  eccn: string | null;
  possible: string[];
  version: CompiledEccnVersion | null;
  /** Truth of each test of `version.all`, in order. */
  truths: Truth[];
}

/**
 * Classifies an item, described by its facts, under the ECCN version in force on `date`. Unknown inputs are
 * carried through three-valued logic: the answer is `insufficient_data` whenever a missing fact could change it.
 */
export function classifyCore(facts: Facts, versions: readonly CompiledEccnVersion[], date: IsoDate): ClassificationCore {
  const v = versionInForce(versions, date);
  if (!v) return { on: date, status: 'not_controlled', eccn: null, possible: [], version: null, truths: [] };
  const vector = v.readFacts(facts);
  const truths: Truth[] = new Array(v.all.length);
  for (let i = 0; i < v.all.length; i++) truths[i] = evaluate(v.all[i]!.condition, vector);

  let eccn: string | null = null;
  let status: ClassificationStatus = 'not_controlled';
  const possible: string[] = [];
  for (const p of v.paragraphs) {
    let met: Truth = false;
    for (const i of p.tests) met = or(met, truths[i]!);
    let excluded: Truth = false;
    for (const i of p.exclusions) excluded = or(excluded, truths[i]!);
    const inParagraph = and(met, not(excluded));
    if (inParagraph === true) {
      if (possible.length === 0) {
        eccn = p.eccn;
        status = 'controlled';
      } else {
        possible.push(p.eccn);
      }
      break;
    }
    if (inParagraph === null) {
      possible.push(p.eccn);
      status = 'insufficient_data';
    }
  }
  return { on: date, status, eccn, possible, version: v, truths };
}

/** The explanation: every test with its outcome and the inputs it read. */
export function explainClassification(core: ClassificationCore, facts: Facts): Classification {
  const v = core.version;
  if (!v) return { on: core.on, status: core.status, eccn: null, tests: [], rule: null, missing: [] };
  const missing = new Set<FactName>();
  const tests = v.all.map((t, i) => {
    const truth = core.truths[i]!;
    const inputs: Partial<Record<FactName, unknown>> = {};
    const absent: FactName[] = [];
    for (const f of t.reads) {
      const value = facts[f];
      inputs[f] = value ?? null;
      if (value == null) absent.push(f);
    }
    const report: TestReport = {
      test: t.def.id,
      kind: t.kind,
      met: truth === true,
      outcome: truth === true ? 'met' : truth === false ? 'not_met' : 'unknown',
      text: t.def.text,
      inputs,
    };
    if (t.kind === 'test') report.eccn = (t.def as EccnTest).eccn;
    else report.applies_to = (t.def as EccnExclusion).appliesTo;
    if (truth === null) {
      report.missing = absent;
      if (core.status === 'insufficient_data') absent.forEach((f) => missing.add(f));
    }
    return report;
  });
  const result: Classification = { on: core.on, status: core.status, eccn: core.eccn, tests, rule: v.ref, missing: [...missing] };
  if (core.status === 'insufficient_data') result.possible_eccns = core.possible;
  return result;
}

export function classify(facts: Facts, versions: readonly CompiledEccnVersion[], date: IsoDate): Classification {
  return explainClassification(classifyCore(facts, versions, date), facts);
}
