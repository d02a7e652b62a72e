import { inInterval, type IsoDate } from '../dates.js';
import { compileConditionNode, factsOf, type Condition, type ConditionNode } from '../rules/condition.js';
import type { FactName } from '../rules/facts.js';
import type { Instrument } from '../rules/source.js';

export type ReviewPolicy = 'presumption_of_denial' | 'case_by_case' | 'presumption_of_approval';
export type ImportStatus = 'none' | 'discouraged' | 'review' | 'prohibited';
export type ObligationKind = 'revenue_share' | 'tariff';

/**
 * What a rule does when its condition holds. Exactly one kind per rule:
 * - licence_required: a licence is needed; `policy` is the review policy (`per_listing` takes it from the
 *   restricted-party listing that triggered the rule; null when no policy is published).
 * - review_policy: replaces the review policy of the named licence requirements.
 * - exception: a licence exception that covers the named licence requirements, with advance notification days.
 * - prohibited: no licence or exception can authorise the transaction.
 * - review: the law is unclear or a fact is unconfirmed: a person must decide.
 * - import: a measure of the importing jurisdiction, with the status it gives the order.
 * - obligation: money owed on the order value (revenue share, tariff).
 * - context: shown with the decision, never changes it (e.g. a rule in force but not enforced).
 */
export type Effect =
  | { licence_required: { policy: ReviewPolicy | 'per_listing' | null } }
  | { review_policy: { policy: ReviewPolicy; applies_to: string[] } }
  | { exception: { code: string; notification_days: number | null; covers: string[] } }
  | { prohibited: { reason: string } }
  | { review: { reason: string } }
  | { import: { status: Exclude<ImportStatus, 'none'>; measure: string } }
  | { obligation: { kind: ObligationKind; percent: number; payee: string } }
  | { context: { note: string } };

export type EffectKind = 'licence_required' | 'review_policy' | 'exception' | 'prohibited' | 'review' | 'import' | 'obligation' | 'context';

export function effectKind(effect: Effect): EffectKind {
  return Object.keys(effect)[0] as EffectKind;
}

export interface RuleDef {
  id: string;
  title: string;
  /** A more precise citation than the instrument's, e.g. the CFR paragraph. */
  cites?: string;
  /** Narrower dates than the instrument's, inclusive. */
  effective?: IsoDate;
  ends?: IsoDate | null;
  when: Condition;
  effect: Effect;
  /** Among rules that set the same thing, the highest priority that fires wins. */
  priority: number;
  /** Rules this one displaces when it fires. */
  overrides: string[];
}

export interface InstrumentRules {
  /** The file it came from, for error messages. */
  source: string;
  instrument: Instrument;
  rules: RuleDef[];
}

export interface CompiledRule {
  def: RuleDef;
  instrument: Instrument;
  kind: EffectKind;
  from: IsoDate;
  to: IsoDate | null;
  condition: ConditionNode;
  reads: FactName[];
  /** Single-valued thing the rule sets; two rules on one slot need a priority between them. */
  slot: string | null;
}

export interface RuleProblem {
  source: string;
  ruleIndex: number;
  path: (string | number)[];
  message: string;
}

export class RuleSetError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'RuleSetError';
  }
}

export interface RuleSet {
  instruments: InstrumentRules[];
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
}

function slotOf(effect: Effect): string | null {
  if ('review_policy' in effect) return `review_policy:${[...effect.review_policy.applies_to].sort().join(',')}`;
  if ('obligation' in effect) return `obligation:${effect.obligation.kind}:${effect.obligation.payee}`;
  if ('exception' in effect) return `exception:${effect.exception.code}`;
  return null;
}

const overlaps = (a: CompiledRule, b: CompiledRule) => a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

/**
 * Compiles every rule once and checks the set as a whole: unique ids, references to existing rules, dates within
 * the instrument, and no two rules that set the same thing over overlapping dates with no priority between them.
 */
export function compileRuleSet(instruments: InstrumentRules[]): RuleSet {
  const problems: RuleProblem[] = [];
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  const where = new Map<CompiledRule, { source: string; ruleIndex: number }>();
  for (const ir of instruments) {
    ir.rules.forEach((def, ruleIndex) => {
      const fail = (path: (string | number)[], message: string) => problems.push({ source: ir.source, ruleIndex, path, message });
      let condition: ConditionNode;
      try {
        condition = compileConditionNode(def.when);
      } catch (e) {
        const path = (e as { path?: (string | number)[] }).path ?? [];
        fail(['when', ...path], (e as Error).message);
        return;
      }
      const from = def.effective ?? ir.instrument.effective;
      const to = def.ends === undefined ? ir.instrument.ends : def.ends;
      if (from < ir.instrument.effective) fail(['effective'], `rule ${def.id} starts before its instrument (${ir.instrument.effective})`);
      if (to !== null && to < from) fail(['ends'], `rule ${def.id} ends before it starts`);
      const rule: CompiledRule = {
        def,
        instrument: ir.instrument,
        kind: effectKind(def.effect),
        from,
        to,
        condition,
        reads: [...factsOf(def.when)],
        slot: slotOf(def.effect),
      };
      if (byId.has(def.id)) fail(['id'], `duplicate rule id ${def.id}`);
      byId.set(def.id, rule);
      rules.push(rule);
      where.set(rule, { source: ir.source, ruleIndex });
    });
  }
  for (const r of rules) {
    const at = where.get(r)!;
    const refs: [string[], string][] = [[r.def.overrides, 'overrides']];
    if ('review_policy' in r.def.effect) refs.push([r.def.effect.review_policy.applies_to, 'effect.review_policy.applies_to']);
    if ('exception' in r.def.effect) refs.push([r.def.effect.exception.covers, 'effect.exception.covers']);
    for (const [ids, path] of refs) {
      for (const id of ids) {
        const target = byId.get(id);
        if (!target) problems.push({ ...at, path: path.split('.'), message: `rule ${r.def.id} refers to unknown rule ${id}` });
        else if (path !== 'overrides' && target.kind !== 'licence_required') {
          problems.push({ ...at, path: path.split('.'), message: `rule ${r.def.id}: ${id} is not a licence requirement` });
        }
      }
    }
  }
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i]!;
      const b = rules[j]!;
      if (!a.slot || a.slot !== b.slot || !overlaps(a, b)) continue;
      if (JSON.stringify(a.def.effect) === JSON.stringify(b.def.effect)) continue;
      if (a.def.priority !== b.def.priority) continue;
      if (a.def.overrides.includes(b.def.id) || b.def.overrides.includes(a.def.id)) continue;
      problems.push({
        ...where.get(b)!,
        path: ['priority'],
        message: `rules ${a.def.id} and ${b.def.id} both set ${a.slot} over overlapping dates with no priority between them`,
      });
    }
  }
  if (problems.length > 0) throw new RuleSetError(problems);
  return { instruments, rules, byId };
}

const inForceCache = new WeakMap<RuleSet, Map<IsoDate, CompiledRule[]>>();
const IN_FORCE_CACHE_DATES = 4096;

/** Rules whose own dates contain `date`. Decisions ask for few distinct dates, so answers are memoised per date. */
export function rulesInForce(set: RuleSet, date: IsoDate): CompiledRule[] {
  let byDate = inForceCache.get(set);
  if (!byDate) inForceCache.set(set, (byDate = new Map()));
  let rules = byDate.get(date);
  if (!rules) {
    if (byDate.size >= IN_FORCE_CACHE_DATES) byDate.clear();
    rules = set.rules.filter((r) => inInterval(date, r.from, r.to));
    byDate.set(date, rules);
  }
  return rules;
}

/**
 * What listings and diffs show: the rules in force, and beside them the version of a classification (ECCN 3A090)
 * in force, since a new version (the 2023 TPP and density tests, 3A090.c in 2024) changes the law as much as a rule.
 */
export interface Law {
  rules: RuleSet;
  classifications: readonly { version: { instrument: Instrument } }[];
}

/** Classification versions and rules in force on `date`, as summaries. */
export function lawInForce(law: Law, date: IsoDate): RuleSummary[] {
  return [
    ...law.classifications.filter((c) => inInterval(date, c.version.instrument.effective, c.version.instrument.ends)).map((c) => summarizeClassification(c.version.instrument)),
    ...rulesInForce(law.rules, date).map(summarizeRule),
  ];
}

/** What is in force on `to` but not on `from` (added) and the reverse (removed); dates may be in either order. */
export function diffLaw(law: Law, from: IsoDate, to: IsoDate): { added: RuleSummary[]; removed: RuleSummary[] } {
  const before = lawInForce(law, from);
  const after = lawInForce(law, to);
  const ids = (list: RuleSummary[]) => new Set(list.map((r) => r.id));
  const [beforeIds, afterIds] = [ids(before), ids(after)];
  return { added: after.filter((r) => !beforeIds.has(r.id)), removed: before.filter((r) => !afterIds.has(r.id)) };
}

/** A classification version as listings show it. */
export function summarizeClassification(i: Instrument): RuleSummary {
  return { id: i.id, title: i.title, jurisdiction: i.jurisdiction, instrument: i.id, effect: 'classification', from: i.effective, to: i.ends, confidence: i.confidence, citation: i.citation, url: i.url };
}

/** `effect` is the rule's kind of effect, or `classification` for a classification version. */
export type RuleSummary = Omit<ReturnType<typeof summarizeRule>, 'effect'> & { effect: EffectKind | 'classification' };

/** A rule as listings show it: what, where, when, how sure, and where it is written. */
export function summarizeRule(r: CompiledRule) {
  return {
    id: r.def.id,
    title: r.def.title,
    jurisdiction: r.instrument.jurisdiction,
    instrument: r.instrument.id,
    effect: r.kind,
    from: r.from,
    to: r.to,
    confidence: r.instrument.confidence,
    citation: r.def.cites ? `${r.def.cites}; ${r.instrument.citation}` : r.instrument.citation,
    url: r.instrument.url,
  };
}
