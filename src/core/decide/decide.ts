import { chipFacts } from '../catalog/facts.js';
import { chipReport, type ChipClassification } from '../classify/chip-report.js';
import { classifyCore, versionInForce, type ClassificationCore, type CompiledEccnVersion } from '../classify/eccn.js';
import type { IsoDate } from '../dates.js';
import type { Countries } from '../geo/countries.js';
import type { Truth } from '../rules/condition.js';
import type { FactName, Facts } from '../rules/facts.js';
import type { Confidence } from '../rules/source.js';
import { findLicence, type Licence, type LicenceMatch } from './licences.js';
import type { Order, PartyMatch, PartyScreen } from './order.js';
import { rulesInForce, type CompiledRule, type ImportStatus, type ObligationKind, type ReviewPolicy, type RuleSet } from './rules.js';

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

/** The facts an order presents to the rules, unknowns left null. */
function orderFacts(order: Order, ctx: DecisionContext, classification: ReturnType<typeof classifyCore>, parties: PartyReport[]): Facts {
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
      for (const c of [p.hq, countries.canonical(p.hq)]) if (!hqCountries.includes(c)) hqCountries.push(c);
      for (const g of p.hq_groups ?? []) if (!hqGroups.includes(g)) hqGroups.push(g);
    }
    if (p.name !== null) {
      anyNamed = true;
      if (p.listed === true) listed = true;
      else if (p.listed === null && listed === false) listed = null;
    }
    for (const m of p.matches) if (m.verdict === 'block' && !lists.includes(m.list)) lists.push(m.list);
  }
  const value = order.quantity !== null && order.unitPriceUsd !== null ? order.quantity * order.unitPriceUsd : null;
  const chip = chipFacts(order.chip, order.metrics);
  // One literal with every key (no spread) gives V8 a single object shape: spreading here cost ~100 µs a decision.
  return {
    'chip.id': chip['chip.id'],
    'chip.vendor': chip['chip.vendor'],
    'chip.tpp': chip['chip.tpp'],
    'chip.pd': chip['chip.pd'],
    'chip.datacenter': chip['chip.datacenter'],
    'chip.io_bandwidth_gbps': chip['chip.io_bandwidth_gbps'],
    'chip.interconnect_gbps': chip['chip.interconnect_gbps'],
    'chip.memory_bandwidth_gbps': chip['chip.memory_bandwidth_gbps'],
    'chip.memory_plus_io_gbps': chip['chip.memory_plus_io_gbps'],
    'chip.hbm_item': chip['chip.hbm_item'],
    'chip.memory_bandwidth_density': chip['chip.memory_bandwidth_density'],
    'chip.china_specific': chip['chip.china_specific'],
    date: order.on,
    'chip.eccn': classification.status === 'controlled' ? classification.eccn : classification.status === 'not_controlled' ? 'none' : null,
    'chip.controlled': classification.status === 'insufficient_data' ? null : classification.status === 'controlled',
    'chip.classification': classification.status,
    'destination.country': countries.canonical(order.to),
    'destination.territory': order.to,
    'destination.groups': countries.groupsOf(order.to, order.on),
    'buyer.name': buyer?.name ?? null,
    'buyer.hq': buyer?.hq ?? null,
    'buyer.hq_groups': buyer?.hq_groups ?? null,
    'buyer.listed': buyer?.listed ?? null,
    'buyer.listed_owner_percent': order.buyerListedOwnershipPercent,
    'buyer.parent_listed': order.buyerParentListed,
    'end_user.name': endUser?.name ?? null,
    'end_user.hq': endUser?.hq ?? null,
    'end_user.hq_groups': endUser?.hq_groups ?? null,
    'parties.hq_groups': hqGroups,
    'parties.hq_countries': hqCountries,
    'parties.listed': anyNamed ? listed : null,
    // Nobody named means nobody screened: list membership is unknown, not "not listed".
    'parties.lists': anyNamed ? lists : null,
    'seller.name': order.seller,
    'order.end_use': order.endUse,
    'order.end_use_tags': order.endUse ? ctx.endUseTags(order.endUse) : [],
    'order.state_funded': order.stateFunded,
    'order.quantity': order.quantity,
    'order.value_usd': value,
    'order.exported_from': order.exportedFrom,
  };
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

/** The parts of a rule's reason that never change, worked out once per rule. */
const reasonTemplates = new WeakMap<CompiledRule, Omit<Reason, 'outcome'>>();

function reasonOf(r: CompiledRule, outcome: Reason['outcome'], facts: Facts, detail?: string): Reason {
  let template = reasonTemplates.get(r);
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
    reasonTemplates.set(r, template);
  }
  const reason: Reason = {
    rule: template.rule,
    title: template.title,
    effect: template.effect,
    outcome,
    citation: template.citation,
    url: template.url,
    confidence: template.confidence,
    jurisdiction: template.jurisdiction,
  };
  if (detail) reason.detail = detail;
  if (outcome === 'unknown') reason.missing = r.reads.filter((f) => facts[f] == null);
  return reason;
}

/**
 * A chip's facts, and its classification under one ECCN version, depend only on the chip's data: they are worked
 * out once per chip object (and version) and dated per order. A spec chip is a new object and is worked out afresh.
 */
const chipCache = new WeakMap<Order['chip'], { facts: Facts; cores: Map<CompiledEccnVersion | null, ClassificationCore> }>();

function chipClassification(order: Order, versions: readonly CompiledEccnVersion[]): { facts: Facts; core: ClassificationCore } {
  let cached = chipCache.get(order.chip);
  if (!cached) chipCache.set(order.chip, (cached = { facts: chipFacts(order.chip, order.metrics), cores: new Map() }));
  const version = versionInForce(versions, order.on);
  let core = cached.cores.get(version);
  if (!core) cached.cores.set(version, (core = classifyCore(cached.facts, versions, order.on)));
  return { facts: cached.facts, core: core.on === order.on ? core : { ...core, on: order.on } };
}

/**
 * A chip's classification under one rule version is a pure function of the chip's data, so its explanation is
 * built once per chip object and version and then dated; a spec chip is a new object and is explained afresh.
 */
const explained = new WeakMap<Order['chip'], Map<string, ChipClassification>>();

function explainedClassification(order: Order, core: ReturnType<typeof classifyCore>, facts: Facts): ChipClassification {
  const version = core.version?.ref.id ?? '';
  let byVersion = explained.get(order.chip);
  if (!byVersion) explained.set(order.chip, (byVersion = new Map()));
  let report = byVersion.get(version);
  if (!report) byVersion.set(version, (report = chipReport(order.chip, order.metrics, core, facts)));
  return report.on === order.on ? report : { ...report, on: order.on };
}

/** Why a rule in force does not bind on this date, if it does not. */
function notBinding(r: CompiledRule, on: IsoDate): string | null {
  const i = r.instrument;
  if (i.notEnforcedFrom && on >= i.notEnforcedFrom) return `in force but not enforced since ${i.notEnforcedFrom}`;
  if (i.compliance && on < i.compliance) return `in force from ${i.effective}; compliance not required before ${i.compliance}`;
  return null;
}

/**
 * Decides an order on its date: classification, then every rule in force, then licence exceptions and licences
 * held, the importing side and money owed. Anything a missing fact could change makes the verdict `review`
 * unless a stricter outcome is already certain.
 */
export function decide(order: Order, ctx: DecisionContext): Decision {
  const on = order.on;
  const { facts: cfacts, core } = chipClassification(order, ctx.eccn);
  const parties: PartyReport[] = [];
  if (order.buyer) parties.push(screenParty(ctx, 'buyer', order.buyer.name, order.buyer.hq, on));
  if (order.endUser) parties.push(screenParty(ctx, 'end_user', order.endUser.name, order.endUser.hq, on));
  const facts = orderFacts(order, ctx, core, parties);

  const reasons: Reason[] = [];
  let certain: CompiledRule[] = [];
  let uncertain: CompiledRule[] = [];
  let overridden: Set<string> | null = null;
  for (const rule of rulesInForce(ctx.rules, on)) {
    const truth = rule.eval(facts);
    if (truth === false) continue;
    const suspended = notBinding(rule, on);
    if (suspended || rule.kind === 'context') {
      reasons.push(reasonOf(rule, 'context', facts, suspended ?? undefined));
      continue;
    }
    if (truth === true) {
      certain.push(rule);
      if (rule.def.overrides.length > 0) for (const id of rule.def.overrides) (overridden ??= new Set()).add(id);
    } else {
      uncertain.push(rule);
    }
  }
  if (overridden) {
    const displaced = overridden;
    const keep = (r: CompiledRule) => {
      if (!displaced.has(r.def.id)) return true;
      reasons.push(reasonOf(r, 'overridden', facts));
      return false;
    };
    certain = certain.filter(keep);
    uncertain = uncertain.filter(keep);
  }
  for (const r of certain) reasons.push(reasonOf(r, 'applies', facts));
  for (const r of uncertain) reasons.push(reasonOf(r, 'unknown', facts));

  const certainSet = new Set(certain);
  const of = (list: CompiledRule[], kind: CompiledRule['kind']) => list.filter((r) => r.kind === kind);
  let review = uncertain.length > 0;

  // Licence requirements and their review policies.
  const listingPolicy = parties.flatMap((p) => p.matches.filter((m) => m.verdict === 'block').map((m) => policyFromListing(m.license_policy))).reduce(stricter, null);
  const policyOverrides = of(certain, 'review_policy').sort((a, b) => b.def.priority - a.def.priority);
  const requirements = of(certain, 'licence_required').map((r) => {
    const e = r.def.effect as { licence_required: { policy: ReviewPolicy | 'per_listing' | null } };
    const base = e.licence_required.policy === 'per_listing' ? listingPolicy : e.licence_required.policy;
    const override = policyOverrides.find((o) => (o.def.effect as { review_policy: { applies_to: string[] } }).review_policy.applies_to.includes(r.def.id));
    const policy = override ? (override.def.effect as { review_policy: { policy: ReviewPolicy } }).review_policy.policy : base;
    return { rule: r.def.id, policy };
  });

  // A licence exception helps only if it covers every requirement that applies.
  const needed = new Set(requirements.map((r) => r.rule));
  const exception =
    needed.size === 0
      ? null
      : of(certain, 'exception')
          .sort((a, b) => b.def.priority - a.def.priority)
          .find((r) => [...needed].every((id) => (r.def.effect as { exception: { covers: string[] } }).exception.covers.includes(id))) ?? null;
  const exceptionEffect = exception ? (exception.def.effect as { exception: { code: string; notification_days: number | null } }).exception : null;
  const licenceRequired = needed.size > 0 && exception === null;

  const value = facts['order.value_usd'] as number | null;
  let licence: Decision['export']['licence'] = null;
  let rejected: { number: string; reason: string }[] = [];
  if (licenceRequired && ctx.licences.length > 0) {
    const found = findLicence(
      ctx.licences,
      { chipId: order.chip.id, destination: order.to, consignee: order.endUser?.name ?? order.buyer?.name ?? null, seller: order.seller, quantity: order.quantity, valueUsd: value, on },
      (cc) => ctx.countries.canonical(cc),
    );
    rejected = found.rejected;
    if (found.match) licence = { number: found.match.licence.number, ...found.match };
  }

  // Money owed and notifications.
  const amount = (percent: number) => (value === null ? null : Math.round(value * percent) / 100);
  const obligations: Obligation[] = [];
  for (const r of [...of(certain, 'obligation'), ...of(uncertain, 'obligation')]) {
    const o = (r.def.effect as { obligation: { kind: ObligationKind; percent: number; payee: string } }).obligation;
    const isCertain = certainSet.has(r);
    const slotTaken = obligations.find((x) => x.kind === o.kind && x.payee === o.payee && x.certain);
    if (slotTaken) continue;
    obligations.push({ kind: o.kind, percent: o.percent, payee: o.payee, amount_usd: amount(o.percent), rule: r.def.id, certain: isCertain });
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
  const measures: ImportMeasure[] = [...of(certain, 'import'), ...of(uncertain, 'import')].map((r) => {
    const e = (r.def.effect as { import: { status: Exclude<ImportStatus, 'none'>; measure: string } }).import;
    return { rule: r.def.id, jurisdiction: r.instrument.jurisdiction, status: e.status, measure: e.measure, confidence: r.instrument.confidence, citation: r.instrument.citation, url: r.instrument.url, certain: certainSet.has(r) };
  });
  const importStatus = measures.reduce<ImportStatus>((s, m) => {
    const status = m.certain ? m.status : 'review';
    return IMPORT_RANK[status] > IMPORT_RANK[s] ? status : s;
  }, 'none');
  const importJurisdiction = measures[0]?.jurisdiction ?? order.to;

  if (of(certain, 'review').length > 0) review = true;
  if (importStatus === 'review' || importStatus === 'prohibited') review = true;
  if (parties.some((p) => p.listed === null && p.name !== null)) review = true;

  let verdict: Verdict;
  if (of(certain, 'prohibited').length > 0) verdict = 'prohibited';
  else if (licenceRequired && !licence) verdict = 'licence_required';
  else if (review) verdict = 'review';
  else if (exception || licence || obligations.length > 0) verdict = 'allowed_with_conditions';
  else verdict = 'allowed';

  const classification = explainedClassification(order, core, cfacts);
  if (classification.rule) {
    reasons.unshift({
      rule: classification.rule.id,
      title: 'ECCN 3A090 classification',
      effect: classification.status === 'controlled' ? `classified ${classification.eccn}` : classification.status === 'not_controlled' ? 'not in ECCN 3A090' : 'classification needs missing data',
      outcome: classification.status === 'insufficient_data' ? 'unknown' : 'applies',
      citation: classification.rule.citation,
      url: classification.rule.url,
      confidence: 'primary',
      jurisdiction: 'US',
      ...(classification.missing.length ? { missing: classification.missing } : {}),
    });
  }
  const missing: FactName[] = [];
  for (const r of reasons) if (r.outcome === 'unknown' && r.missing) for (const f of r.missing) if (!missing.includes(f)) missing.push(f);

  const exportSide: Decision['export'] = {
    jurisdiction: 'US',
    licence_required: licenceRequired,
    review_policy: licenceRequired || licence ? requirements.map((r) => r.policy).reduce(stricter, null) : null,
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
