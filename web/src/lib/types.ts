// Shapes of the /v1 API's responses as the dashboard reads them (src/api/app.ts and src/api/schemas.ts are the
// contract). Only the fields the pages use are named; the server may send more.

export type Role = 'viewer' | 'analyst' | 'admin';
export type ClassificationStatus = 'controlled' | 'not_controlled' | 'insufficient_data';
export type Verdict = 'allowed' | 'allowed_with_conditions' | 'licence_required' | 'prohibited' | 'review';
export type Confidence = 'primary' | 'secondary' | 'reported' | 'unconfirmed';

export interface Me {
  id: string;
  role: Role;
  label: string | null;
}

export interface RuleRef {
  id: string;
  citation: string;
  url: string;
}

export interface TestReport {
  test: string;
  kind: 'test' | 'exclusion';
  met: boolean;
  outcome: 'met' | 'not_met' | 'unknown';
  eccn?: string;
  applies_to?: string[];
  text: string;
  inputs: Record<string, unknown>;
  missing?: string[];
}

export interface Classification {
  chip: string;
  name: string;
  vendor: string | null;
  on: string;
  tpp: number | null;
  pd: number | null;
  status: ClassificationStatus;
  eccn: string | null;
  possible_eccns?: string[];
  tests: TestReport[];
  rule: RuleRef | null;
  missing: string[];
}

/** A row of GET /v1/chips: the classification without its tests, plus catalog facts. */
export interface ChipRow extends Omit<Classification, 'tests' | 'vendor'> {
  /** Catalog chips always name their vendor. */
  vendor: string;
  status_detail: string | null;
  datacenter: boolean | null;
  memory_bandwidth_gbps: number | null;
}

/** The catalog record as GET /v1/chips/:id sends it (`null` always means unknown). */
export interface Chip {
  id: string;
  vendor: string;
  name: string;
  variant?: string;
  releaseYear?: number;
  status: string | null;
  statusNote?: string;
  datacenter: boolean | null;
  datacenterNote?: string;
  chinaSpecific?: string;
  die: { name?: string; count?: number; areaMm2: number | null; areaScope: string; process?: string };
  dense: Record<string, number>;
  memory: { type?: string; capacityGb: number | null; bandwidthGbps: number | null };
  interconnect: { type?: string; bandwidthGbps: number | null; pcieOnly?: string };
  hbmItem: boolean | null;
  tdpW: number | null;
  confidence?: string;
  sources: string[];
  notes?: string;
}

export interface ChipMetrics {
  tpp: number | null;
  tppPrecisions: string[];
  pd: number | null;
  ioBandwidthGbps: number | null;
  memoryBandwidthDensity: number | null;
}

export interface ChipDetail {
  chip: Chip;
  metrics: ChipMetrics;
  classification: Classification;
  history: { from: string; rule: string | null; status: ClassificationStatus; eccn: string | null }[];
}

export interface Instrument {
  id: string;
  jurisdiction: string;
  title: string;
  citation: string;
  url: string;
  published: string | null;
  effective: string;
  compliance: string | null;
  ends: string | null;
  confidence: Confidence;
  notEnforcedFrom: string | null;
  notes?: string;
}

export interface RuleSummary {
  id: string;
  title: string;
  jurisdiction: string;
  instrument: string;
  effect: string;
  from: string;
  to: string | null;
  confidence: Confidence;
  citation: string;
  url: string;
}

export interface InstrumentWithRules extends Instrument {
  rules: RuleSummary[];
}

/** A condition of the rule language (src/core/rules/condition.ts). */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactTest;

export interface FactTest {
  fact: string;
  eq?: unknown;
  ne?: unknown;
  lt?: number | string;
  lte?: number | string;
  gt?: number | string;
  gte?: number | string;
  in?: unknown[];
  includes?: string;
  includes_any?: string[];
  known?: boolean;
}

/** One dated version of ECCN 3A090 (GET /v1/eccn/3a090). */
export interface EccnVersion {
  instrument: Instrument;
  paragraphs: string[];
  tests: { id: string; eccn: string; text: string; when: Condition }[];
  exclusions: { id: string; text: string; appliesTo: string[]; when: Condition }[];
}

export interface Country {
  code: string;
  name: string;
  groups: string[];
}

export interface PartyMatch {
  entry_id: string;
  name: string;
  matched_alias: string;
  score: number;
  list: string;
  country: string | null;
  federal_register: string | null;
  license_requirement: string | null;
  license_policy: string | null;
  explanation: string[];
  verdict: 'block' | 'review';
}

export interface ScreenResult {
  query: string;
  matches: PartyMatch[];
}

export interface Reason {
  rule: string;
  title: string;
  effect: string;
  outcome: 'applies' | 'unknown' | 'overridden' | 'context';
  detail?: string;
  citation: string;
  url: string;
  confidence: Confidence;
  jurisdiction: string;
  missing?: string[];
}

export interface DecisionObligation {
  kind: string;
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
  status: string;
  measure: string;
  confidence: Confidence;
  citation: string;
  url: string;
  certain: boolean;
}

export interface PartyReport {
  role: 'buyer' | 'end_user';
  name: string | null;
  hq: string | null;
  hq_groups: string[] | null;
  listed: boolean | null;
  matches: PartyMatch[];
}

export interface Decision {
  verdict: Verdict;
  on: string;
  chip: Classification;
  export: {
    jurisdiction: string;
    licence_required: boolean;
    review_policy: string | null;
    exception: string | null;
    notification_days: number | null;
    licence: ({ number: string } & Record<string, unknown>) | null;
    requirements: { rule: string; policy: string | null }[];
    licences_rejected?: { number: string; reason: string }[];
  };
  import: { jurisdiction: string; status: string; measures: ImportMeasure[] };
  obligations: DecisionObligation[];
  parties: PartyReport[];
  reasons: Reason[];
  missing: string[];
  ruleset: { as_of: string; hash: string };
}

export interface LedgerRef {
  id: string;
  seq: number;
  hash: string;
  replayed: boolean;
}

export interface CheckResponse {
  decision: Decision;
  ledger: LedgerRef;
}

export interface LedgerObligation {
  kind: string;
  payee: string;
  percent: number | null;
  amount_usd: number | null;
  on_date: string;
}

export interface LedgerEntry {
  seq: number;
  id: string;
  created_at: string;
  kind: string;
  caller: string;
  idempotency_key?: string | null;
  ruleset_hash: string;
  list_versions: Record<string, string>;
  input: unknown;
  output: unknown;
  verdict: string | null;
  chip: string | null;
  parties: string[];
  on_date: string | null;
  obligations: LedgerObligation[];
  prev_hash: string;
  hash: string;
}

export interface DecisionPage {
  entries: LedgerEntry[];
  next_cursor: string | null;
}

export interface LedgerVerification {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string };
  first_broken?: { seq: number; reason: string };
}

export interface ObligationTotal {
  quarter: string;
  payee: string;
  kind: string;
  amount_usd: number;
  obligations: number;
  decision_ids: string[];
}

export interface Licence {
  licence_number: string;
  holder: string;
  chips: string[];
  destination: string;
  consignee: string;
  quantity_limit: number | null;
  quantity_used: number;
  quantity_remaining: number | null;
  value_limit_usd: number | null;
  value_used_usd: number;
  value_remaining_usd: number | null;
  conditions: ({ kind: string } & Record<string, unknown>)[];
  valid_from: string;
  valid_to: string;
  created_at?: string;
}

export interface ListVersionSummary {
  content_hash: string;
  imported_at: string;
  source_date: string | null;
  format: string;
  counts: Record<string, number>;
}

export interface ListsResponse {
  in_use: Record<string, unknown>;
  versions: ListVersionSummary[];
}

export interface ApiKeyInfo {
  id: string;
  role: Role;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}
