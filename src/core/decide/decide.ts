import { chipFacts } from '../catalog/facts.js';
import { chipReport, type ChipClassification } from '../classify/chip-report.js';
import { classifyCore, versionInForce, type CompiledEccnVersion } from '../classify/eccn.js';
import type { IsoDate } from '../dates.js';
import type { Countries } from '../geo/countries.js';
import { evaluate, type Truth } from '../rules/condition.js';
import { FACT_SLOT, factReader, type FactName, type FactVector } from '../rules/facts.js';
import type { Confidence } from '../rules/source.js';
import { findLicence, type Licence, type LicenceMatch } from './licences.js';
import type { Order, PartyMatch, PartyScreen } from './order.js';
import { rulesInForce, type CompiledRule, type Effect, type EffectKind, type ImportStatus, type ObligationKind, type ReviewPolicy, type RuleSet } from './rules.js';

export type Verdict = 'allowed' | 'allowed_with_conditions' | 'licence_required' | 'prohibited' | 'review';

export interface DecisionContext {
  eccn: readonly CompiledEccnVersion[];
  rules: RuleSet;
  countries: Countries;
  screen: PartyScreen;
  endUseTags: (text: string) => string[];
  licences: readonly Licence[];
  rulesetHash: string;
}

export interface Reason {
  rule: string;
  title: string;
  effect: string;
  /** `applies`: the condition holds; `unknown`: a missing fact could make it hold; `overridden`, `not_enforced`. */
  outcome: 'applies' | 'unknown' | 'overridden' | 'context';
  detail?: string;
  citation: string;
  url: string;
  confidence: Confidence;
  jurisdiction: string;
  missing?: FactName[];
}

export interface PartyReport {
  role: 'buyer' | 'end_user';
  name: string | null;
  hq: string | null;
  hq_groups: readonly string[] | null;
  listed: boolean | null;
  matches: PartyMatch[];
}

export interface Obligation {
  kind: ObligationKind | 'notification';
  percent: number | null;
  payee: string | null;
  amount_usd: number | null;
  days?: number;
  rule: string;
  certain: boolean;
}

export interface ImportMeasure {
  rule: string;
  jurisdiction: string;
  status: Exclude<ImportStatus, 'none'>;
  measure: string;
  confidence: Confidence;
  citation: string;
  url: string;
  certain: boolean;
}

export interface Decision {
  verdict: Verdict;
  on: IsoDate;
  chip: ChipClassification;
  export: {
    jurisdiction: 'US';
    licence_required: boolean;
    review_policy: ReviewPolicy | null;
    exception: string | null;
    notification_days: number | null;
    licence: (LicenceMatch & { number: string }) | null;
    requirements: { rule: string; policy: ReviewPolicy | null }[];
    licences_rejected?: { number: string; reason: string }[];
  };
  import: { jurisdiction: string; status: ImportStatus; measures: ImportMeasure[] };
  obligations: Obligation[];
  parties: PartyReport[];
  reasons: Reason[];
  missing: FactName[];
  ruleset: { as_of: IsoDate; hash: string };
}

const POLICY_RANK: Record<ReviewPolicy, number> = { presumption_of_approval: 1, case_by_case: 2, presumption_of_denial: 3 };
const IMPORT_RANK: Record<ImportStatus, number> = { none: 0, discouraged: 1, review: 2, prohibited: 3 };

/** Reads a listing's licence-policy text as the most restrictive policy it names. */
export function policyFromListing(text: string | null): ReviewPolicy | null {
  if (!text) return null;
  const t = text.toLowerCase();
  if (t.includes('denial')) return 'presumption_of_denial';
  if (t.includes('case-by-case') || t.includes('case by case')) return 'case_by_case';
  if (t.includes('approval')) return 'presumption_of_approval';
  return null;
}

function stricter(a: ReviewPolicy | null, b: ReviewPolicy | null): ReviewPolicy | null {
  if (a === null) return b;
  if (b === null) return a;
  return POLICY_RANK[a] >= POLICY_RANK[b] ? a : b;
}

function screenParty(ctx: DecisionContext, role: 'buyer' | 'end_user', name: string | null, hq: string | null, on: IsoDate): PartyReport {
  const matches = name ? ctx.screen(name, hq, on) : [];
  const listed = name === null ? null : matches.some((m) => m.verdict === 'block') ? true : matches.length > 0 ? null : false;
  return { role, name, hq, hq_groups: hq ? ctx.countries.groupsOf(hq, on) : null, listed, matches };
}

/**
 * A chip under one ECCN version (or none), worked out once per chip object and version: its classification,
 * explained, and its facts as the rules read them. A spec chip is a new object and is worked out afresh.
 */
interface ChipUnderVersion {
  /** The explanation, dated by the first order that asked for it. */
  report: ChipClassification;
  /** The explanation for each date asked for: one copy per date rather than one per decision. */
  byDate: Map<IsoDate, ChipClassification>;
  /** The chip's and its classification's facts in their slots, every other fact unknown. */
  facts: FactVector;
}

const chipCache = new WeakMap<Order['chip'], Map<CompiledEccnVersion | null, ChipUnderVersion>>();
const readEveryFact = factReader();
/** Dated explanations kept per chip and version: orders come on few dates, and every catalog chip keeps its own. */
const CHIP_CACHE_DATES = 64;

function chipUnderVersion(order: Order, versions: readonly CompiledEccnVersion[]): ChipUnderVersion {
  let byVersion = chipCache.get(order.chip);
  if (!byVersion) chipCache.set(order.chip, (byVersion = new Map()));
  const version = versionInForce(versions, order.on);
  let under = byVersion.get(version);
  if (!under) {
    const chip = chipFacts(order.chip, order.metrics);
    const core = classifyCore(chip, versions, order.on);
    const facts = readEveryFact(chip);
    facts[FACT_SLOT['chip.eccn']] = core.status === 'controlled' ? core.eccn : core.status === 'not_controlled' ? 'none' : null;
    facts[FACT_SLOT['chip.controlled']] = core.status === 'insufficient_data' ? null : core.status === 'controlled';
    facts[FACT_SLOT['chip.classification']] = core.status;
    under = { report: chipReport(order.chip, order.metrics, core, chip), byDate: new Map(), facts };
    byVersion.set(version, under);
  }
  return under;
}

function datedReport(under: ChipUnderVersion, on: IsoDate): ChipClassification {
  let report = under.byDate.get(on);
  if (!report) {
    if (under.byDate.size >= CHIP_CACHE_DATES) under.byDate.clear();
    report = under.report.on === on ? under.report : { ...under.report, on };
    under.byDate.set(on, report);
  }
  return report;
}

/** The facts an order presents to the rules, unknowns left null. */
function orderFacts(order: Order, ctx: DecisionContext, chip: ChipUnderVersion, parties: PartyReport[]): FactVector {
  const { countries } = ctx;
  let buyer: PartyReport | undefined;
  let endUser: PartyReport | undefined;
  for (const p of parties) {
    if (p.role === 'buyer') buyer = p;
    else endUser = p;
  }
  const hqKnown = buyer?.hq != null && (endUser === undefined || endUser.hq !== null);
  let hqCountries: string[] | null = null;
  let hqGroups: string[] | null = null;
  let anyNamed = false;
  let listed: Truth = false;
  const lists: string[] = [];
  if (hqKnown) {
    hqCountries = [];
    hqGroups = [];
  }
  for (const p of parties) {
    if (hqCountries && hqGroups && p.hq) {
      if (!hqCountries.includes(p.hq)) hqCountries.push(p.hq);
      const canonical = countries.canonical(p.hq);
      if (!hqCountries.includes(canonical)) hqCountries.push(canonical);
      if (p.hq_groups) for (const g of p.hq_groups) if (!hqGroups.includes(g)) hqGroups.push(g);
    }
    if (p.name !== null) {
      anyNamed = true;
      if (p.listed === true) listed = true;
      else if (p.listed === null && listed === false) listed = null;
    }
    for (const m of p.matches) if (m.verdict === 'block' && !lists.includes(m.list)) lists.push(m.list);
  }
  const facts = chip.facts.slice();
  facts[FACT_SLOT.date] = order.on;
  facts[FACT_SLOT['destination.country']] = countries.canonical(order.to);
  facts[FACT_SLOT['destination.territory']] = order.to;
  facts[FACT_SLOT['destination.groups']] = countries.groupsOf(order.to, order.on);
  facts[FACT_SLOT['buyer.name']] = buyer?.name ?? null;
  facts[FACT_SLOT['buyer.hq']] = buyer?.hq ?? null;
  facts[FACT_SLOT['buyer.hq_groups']] = buyer?.hq_groups ?? null;
  facts[FACT_SLOT['buyer.listed']] = buyer?.listed ?? null;
  facts[FACT_SLOT['buyer.listed_owner_percent']] = order.buyerListedOwnershipPercent;
  facts[FACT_SLOT['buyer.parent_listed']] = order.buyerParentListed;
  facts[FACT_SLOT['end_user.name']] = endUser?.name ?? null;
  facts[FACT_SLOT['end_user.hq']] = endUser?.hq ?? null;
  facts[FACT_SLOT['end_user.hq_groups']] = endUser?.hq_groups ?? null;
  facts[FACT_SLOT['parties.hq_groups']] = hqGroups;
  facts[FACT_SLOT['parties.hq_countries']] = hqCountries;
  facts[FACT_SLOT['parties.listed']] = anyNamed ? listed : null;
  // Nobody named means nobody screened: list membership is unknown, not "not listed".
  facts[FACT_SLOT['parties.lists']] = anyNamed ? lists : null;
  facts[FACT_SLOT['seller.name']] = order.seller;
  facts[FACT_SLOT['order.end_use']] = order.endUse;
  facts[FACT_SLOT['order.end_use_tags']] = order.endUse ? ctx.endUseTags(order.endUse) : [];
  facts[FACT_SLOT['order.state_funded']] = order.stateFunded;
  facts[FACT_SLOT['order.quantity']] = order.quantity;
  facts[FACT_SLOT['order.value_usd']] = order.quantity !== null && order.unitPriceUsd !== null ? order.quantity * order.unitPriceUsd : null;
  facts[FACT_SLOT['order.exported_from']] = order.exportedFrom;
  return facts;
}

function describeEffect(r: CompiledRule): string {
  const e = r.def.effect;
  if ('licence_required' in e) return `licence required${e.licence_required.policy ? ` (${e.licence_required.policy.replace(/_/g, ' ')})` : ''}`;
  if ('review_policy' in e) return `review policy ${e.review_policy.policy.replace(/_/g, ' ')}`;
  if ('exception' in e) return `licence exception ${e.exception.code}${e.exception.notification_days ? ` with ${e.exception.notification_days}-day notification` : ''}`;
  if ('prohibited' in e) return `prohibited: ${e.prohibited.reason}`;
  if ('review' in e) return `review: ${e.review.reason}`;
  if ('import' in e) return `import ${e.import.status}: ${e.import.measure}`;
  if ('obligation' in e) return `${e.obligation.kind.replace('_', ' ')} ${e.obligation.percent}% to ${e.obligation.payee}`;
  return e.context.note;
}

/** The parts of a rule's reason that never change. */
type ReasonTemplate = Omit<Reason, 'outcome' | 'detail' | 'missing'>;

/** A rule in force on a date, with what every decision on that date needs of it. */
interface RuleOnDate {
  rule: CompiledRule;
  reason: ReasonTemplate;
  /** Why the rule does not bind on the date, if it does not. */
  suspended: string | null;
}

const templates = new WeakMap<CompiledRule, ReasonTemplate>();

function reasonTemplate(r: CompiledRule): ReasonTemplate {
  let template = templates.get(r);
  if (!template) {
    template = {
      rule: r.def.id,
      title: r.def.title,
      effect: describeEffect(r),
      citation: r.def.cites ? `${r.def.cites}; ${r.instrument.citation}` : r.instrument.citation,
      url: r.instrument.url,
      confidence: r.instrument.confidence,
      jurisdiction: r.instrument.jurisdiction,
    };
    templates.set(r, template);
  }
  return template;
}

function reasonOf(template: ReasonTemplate, outcome: Reason['outcome']): Reason {
  return {
    rule: template.rule,
    title: template.title,
    effect: template.effect,
    outcome,
    citation: template.citation,
    url: template.url,
    confidence: template.confidence,
    jurisdiction: template.jurisdiction,
  };
}

/** Why a rule in force does not bind on this date, if it does not. */
function notBinding(r: CompiledRule, on: IsoDate): string | null {
  const i = r.instrument;
  if (i.notEnforcedFrom && on >= i.notEnforcedFrom) return `in force but not enforced since ${i.notEnforcedFrom}`;
  if (i.compliance && on < i.compliance) return `in force from ${i.effective}; compliance not required before ${i.compliance}`;
  return null;
}

const onDateCache = new WeakMap<RuleSet, Map<IsoDate, RuleOnDate[]>>();
const ON_DATE_CACHE_DATES = 4096;

/** The rules in force on a date, each with its reason template and whether it binds: worked out once per date. */
function rulesOnDate(set: RuleSet, on: IsoDate): RuleOnDate[] {
  let byDate = onDateCache.get(set);
  if (!byDate) onDateCache.set(set, (byDate = new Map()));
  let rules = byDate.get(on);
  if (!rules) {
    if (byDate.size >= ON_DATE_CACHE_DATES) byDate.clear();
    rules = rulesInForce(set, on).map((rule) => ({ rule, reason: reasonTemplate(rule), suspended: notBinding(rule, on) }));
    byDate.set(on, rules);
  }
  return rules;
}

/** The effect of a rule of one kind. */
type EffectOf<K extends EffectKind> = Extract<Effect, Record<K, unknown>>;

const byPriority = (a: CompiledRule, b: CompiledRule) => b.def.priority - a.def.priority;

/** The most restrictive review policy named by a restricted-party listing that blocks a party. */
function listingPolicy(parties: readonly PartyReport[]): ReviewPolicy | null {
  let policy: ReviewPolicy | null = null;
  for (const p of parties) for (const m of p.matches) if (m.verdict === 'block') policy = stricter(policy, policyFromListing(m.license_policy));
  return policy;
}

/**
 * Decides an order on its date: classification, then every rule in force, then licence exceptions and licences
 * held, the importing side and money owed. Anything a missing fact could change makes the verdict `review`
 * unless a stricter outcome is already certain.
 */
export function decide(order: Order, ctx: DecisionContext): Decision {
  const on = order.on;
  const chip = chipUnderVersion(order, ctx.eccn);
  const parties: PartyReport[] = [];
  if (order.buyer) parties.push(screenParty(ctx, 'buyer', order.buyer.name, order.buyer.hq, on));
  if (order.endUser) parties.push(screenParty(ctx, 'end_user', order.endUser.name, order.endUser.hq, on));
  const facts = orderFacts(order, ctx, chip, parties);

  const reasons: Reason[] = [];
  const classification = datedReport(chip, on);
  if (classification.rule) {
    const reason: Reason = {
      rule: classification.rule.id,
      title: 'ECCN 3A090 classification',
      effect: classification.status === 'controlled' ? `classified ${classification.eccn}` : classification.status === 'not_controlled' ? 'not in ECCN 3A090' : 'classification needs missing data',
      outcome: classification.status === 'insufficient_data' ? 'unknown' : 'applies',
      citation: classification.rule.citation,
      url: classification.rule.url,
      confidence: 'primary',
      jurisdiction: 'US',
    };
    if (classification.missing.length) reason.missing = classification.missing;
    reasons.push(reason);
  }

  let certain: RuleOnDate[] = [];
  let uncertain: RuleOnDate[] = [];
  let overridden: Set<string> | null = null;
  for (const entry of rulesOnDate(ctx.rules, on)) {
    const truth = evaluate(entry.rule.condition, facts);
    if (truth === false) continue;
    if (entry.suspended !== null || entry.rule.kind === 'context') {
      const reason = reasonOf(entry.reason, 'context');
      if (entry.suspended !== null) reason.detail = entry.suspended;
      reasons.push(reason);
      continue;
    }
    if (truth === true) {
      certain.push(entry);
      for (const id of entry.rule.def.overrides) (overridden ??= new Set()).add(id);
    } else {
      uncertain.push(entry);
    }
  }
  if (overridden) {
    const displaced = overridden;
    const keep = (entry: RuleOnDate) => {
      if (!displaced.has(entry.rule.def.id)) return true;
      reasons.push(reasonOf(entry.reason, 'overridden'));
      return false;
    };
    certain = certain.filter(keep);
    uncertain = uncertain.filter(keep);
  }
  for (const entry of certain) reasons.push(reasonOf(entry.reason, 'applies'));
  for (const entry of uncertain) {
    const reason = reasonOf(entry.reason, 'unknown');
    reason.missing = entry.rule.reads.filter((f) => facts[FACT_SLOT[f]] == null);
    reasons.push(reason);
  }

  // The rules that hold, grouped by what they do; obligations and import measures also come from rules that may hold.
  const requiring: CompiledRule[] = [];
  const policyOverrides: CompiledRule[] = [];
  const exceptions: CompiledRule[] = [];
  const owing: { rule: CompiledRule; certain: boolean }[] = [];
  const importing: { rule: CompiledRule; certain: boolean }[] = [];
  let prohibited = false;
  let review = uncertain.length > 0;
  for (const { rule } of certain) {
    if (rule.kind === 'licence_required') requiring.push(rule);
    else if (rule.kind === 'review_policy') policyOverrides.push(rule);
    else if (rule.kind === 'exception') exceptions.push(rule);
    else if (rule.kind === 'obligation') owing.push({ rule, certain: true });
    else if (rule.kind === 'import') importing.push({ rule, certain: true });
    else if (rule.kind === 'prohibited') prohibited = true;
    else if (rule.kind === 'review') review = true;
  }
  for (const { rule } of uncertain) {
    if (rule.kind === 'obligation') owing.push({ rule, certain: false });
    else if (rule.kind === 'import') importing.push({ rule, certain: false });
  }

  // Licence requirements and their review policies.
  policyOverrides.sort(byPriority);
  const perListing = listingPolicy(parties);
  const requirements = requiring.map((r) => {
    const wanted = (r.def.effect as EffectOf<'licence_required'>).licence_required.policy;
    const base = wanted === 'per_listing' ? perListing : wanted;
    const override = policyOverrides.find((o) => (o.def.effect as EffectOf<'review_policy'>).review_policy.applies_to.includes(r.def.id));
    const policy = override ? (override.def.effect as EffectOf<'review_policy'>).review_policy.policy : base;
    return { rule: r.def.id, policy };
  });

  // A licence exception helps only if it covers every requirement that applies.
  const exception =
    requirements.length === 0
      ? null
      : exceptions.sort(byPriority).find((r) => requirements.every((q) => (r.def.effect as EffectOf<'exception'>).exception.covers.includes(q.rule))) ?? null;
  const exceptionEffect = exception ? (exception.def.effect as EffectOf<'exception'>).exception : null;
  const licenceRequired = requirements.length > 0 && exception === null;

  const value = facts[FACT_SLOT['order.value_usd']] as number | null;
  let licence: Decision['export']['licence'] = null;
  let rejected: { number: string; reason: string }[] = [];
  if (licenceRequired && ctx.licences.length > 0) {
    const found = findLicence(
      ctx.licences,
      { chipId: order.chip.id, destination: order.to, consignee: order.endUser?.name ?? order.buyer?.name ?? null, seller: order.seller, quantity: order.quantity, valueUsd: value, on },
    );
    rejected = found.rejected;
    // The register does not record the end use a licence authorises, so a held licence is not taken to cover a
    // requirement that arises from the end use (15 CFR 744.23): that needs a licence for this end use.
    const endUseRequirement = requiring.find((r) => r.reads.includes('order.end_use_tags') || r.reads.includes('order.end_use'));
    if (found.match && endUseRequirement) {
      rejected.push({ number: found.match.licence.number, reason: `not shown to authorise the end use that requires a licence here (${endUseRequirement.def.id})` });
    } else if (found.match) {
      licence = { number: found.match.licence.number, ...found.match };
    }
  }

  // Money owed and notifications.
  const amount = (percent: number) => (value === null ? null : Math.round(value * percent) / 100);
  const obligations: Obligation[] = [];
  for (const { rule, certain: isCertain } of owing) {
    const o = (rule.def.effect as EffectOf<'obligation'>).obligation;
    const slotTaken = obligations.some((x) => x.kind === o.kind && x.payee === o.payee && x.certain);
    if (slotTaken) continue;
    obligations.push({ kind: o.kind, percent: o.percent, payee: o.payee, amount_usd: amount(o.percent), rule: rule.def.id, certain: isCertain });
  }
  if (licence) {
    for (const c of licence.licence.conditions) {
      if ((c.kind === 'revenue_share' || c.kind === 'tariff') && c.percent !== undefined && !obligations.some((o) => o.kind === c.kind && o.payee === (c.payee ?? null))) {
        obligations.push({ kind: c.kind, percent: c.percent, payee: c.payee ?? null, amount_usd: amount(c.percent), rule: `licence ${licence.number}`, certain: true });
      }
    }
  }
  if (exceptionEffect?.notification_days) {
    obligations.push({ kind: 'notification', percent: null, payee: 'Bureau of Industry and Security', amount_usd: null, days: exceptionEffect.notification_days, rule: exception!.def.id, certain: true });
  }

  // The importing side: reported guidance gives a risk status, never a statute.
  const measures: ImportMeasure[] = [];
  let importStatus: ImportStatus = 'none';
  for (const { rule, certain: isCertain } of importing) {
    const e = (rule.def.effect as EffectOf<'import'>).import;
    measures.push({ rule: rule.def.id, jurisdiction: rule.instrument.jurisdiction, status: e.status, measure: e.measure, confidence: rule.instrument.confidence, citation: rule.instrument.citation, url: rule.instrument.url, certain: isCertain });
    const status = isCertain ? e.status : 'review';
    if (IMPORT_RANK[status] > IMPORT_RANK[importStatus]) importStatus = status;
  }
  const importJurisdiction = measures[0]?.jurisdiction ?? order.to;

  if (importStatus === 'review' || importStatus === 'prohibited') review = true;
  for (const p of parties) if (p.listed === null && p.name !== null) review = true;

  let verdict: Verdict;
  if (prohibited) verdict = 'prohibited';
  else if (licenceRequired && !licence) verdict = 'licence_required';
  else if (review) verdict = 'review';
  else if (exception || licence || obligations.length > 0) verdict = 'allowed_with_conditions';
  else verdict = 'allowed';

  const missing: FactName[] = [];
  for (const r of reasons) if (r.outcome === 'unknown' && r.missing) for (const f of r.missing) if (!missing.includes(f)) missing.push(f);

  let reviewPolicy: ReviewPolicy | null = null;
  if (licenceRequired || licence) for (const r of requirements) reviewPolicy = stricter(reviewPolicy, r.policy);
  const exportSide: Decision['export'] = {
    jurisdiction: 'US',
    licence_required: licenceRequired,
    review_policy: reviewPolicy,
    exception: exceptionEffect?.code ?? null,
    notification_days: exceptionEffect?.notification_days ?? null,
    licence,
    requirements,
  };
  if (rejected.length > 0) exportSide.licences_rejected = rejected;
  return {
    verdict,
    on,
    chip: classification,
    export: exportSide,
    import: { jurisdiction: importJurisdiction, status: importStatus, measures },
    obligations,
    parties,
    reasons,
    missing,
    ruleset: { as_of: on, hash: ctx.rulesetHash },
  };
}
