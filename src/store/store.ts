import type { IsoDate } from '../core/dates.js';

/**
 * Everything chiplaw keeps: the decision ledger, API keys, licences and their shipments, obligations owed under
 * licence conditions, and imported screening-list versions. Two implementations (SQLite, PostgreSQL) pass one
 * contract suite; `openStore` picks one.
 *
 * Bad input (an empty holder, a date like 2025-02-30, an amount in fractions of a cent) is refused with
 * `InputError`; `NotFoundError`, `ConflictError` and `ShipmentRefusedError` (all `InputError`s) say more.
 * Timestamps are ISO 8601 UTC strings from the clock of the process that wrote them; dates are `YYYY-MM-DD`.
 * Money is US dollars kept as whole cents: limits and shipments with more than two decimals are refused, computed
 * obligation amounts are rounded to the cent.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /**
   * Appends a decision to the hash-chained ledger, with its obligations, in one transaction. With an
   * `idempotency_key` already used by the same caller, records nothing and returns the first entry (`replayed`);
   * the same key with a different kind or input is a `ConflictError`. Appends made at once in one process are
   * committed together (one transaction, one sync to disk); each resolves only after that commit, so an entry
   * is durable once this resolves.
   */
  appendDecision(decision: DecisionInput): Promise<AppendedDecision>;
  /** Recomputes the whole chain and reports the first entry that was edited, re-hashed or removed. */
  verifyLedger(): Promise<LedgerVerification>;
  getDecision(id: string): Promise<LedgerEntry | null>;
  /** Newest first; pass `next_cursor` back as `cursor` for the next page. */
  listDecisions(query?: DecisionQuery): Promise<DecisionPage>;

  /** Obligations dated in [from, to], summed per calendar quarter, payee and kind. */
  sumObligations(from: IsoDate, to: IsoDate): Promise<ObligationTotal[]>;

  /** Creates a key; the plaintext `key` is in this result only, the store keeps its hash. */
  createApiKey(role: Role, label?: string): Promise<CreatedApiKey>;
  /** The key's identity, or null for an unknown, malformed or revoked key. */
  authenticate(key: string): Promise<ApiKeyIdentity | null>;
  listApiKeys(): Promise<ApiKeyInfo[]>;
  /** True when an active key was revoked; false when there is no such key or it was already revoked. */
  revokeApiKey(id: string): Promise<boolean>;
  /** Whether an active admin key exists: a server starting on an empty store creates one. */
  hasAnyAdminKey(): Promise<boolean>;

  /** `ConflictError` when the licence number is taken. */
  createLicence(licence: LicenceInput): Promise<Licence>;
  getLicence(licenceNumber: string): Promise<Licence | null>;
  /** Ordered by licence number. */
  listLicences(): Promise<Licence[]>;
  /**
   * Records a shipment and takes it off what the licence has left, atomically: a shipment that would exceed a
   * limit, or ships outside the licence's validity, is refused with `ShipmentRefusedError` and nothing is recorded,
   * however many shipments race. `NotFoundError` for an unknown licence or decision id.
   */
  recordShipment(licenceNumber: string, shipment: ShipmentInput): Promise<RecordedShipment>;
  /** Oldest first. `NotFoundError` for an unknown licence. */
  listShipments(licenceNumber: string): Promise<Shipment[]>;
  /** `NotFoundError` for an unknown licence. */
  remaining(licenceNumber: string): Promise<LicenceBalance>;

  /** Stores a list version unless one with the same content hash exists (then `created` is false). */
  saveListVersion(version: ListVersionInput): Promise<SavedListVersion>;
  /** The version imported most recently, with its entries; null before any import. */
  latestListVersion(): Promise<ListVersion | null>;
  getListVersion(contentHash: string): Promise<ListVersion | null>;
  /** Newest import first, without entries. */
  listVersions(): Promise<ListVersionSummary[]>;

  /** Resolves when the database answers a trivial query (for health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---- ledger ----

/** What an API call or CLI run decided, as handed to `appendDecision`. */
export interface DecisionInput {
  /** What was asked: `check`, `screen`, `classify`, or a state change such as `licence.create` (lowercase, `[a-z0-9_.-]`). */
  kind: string;
  /** The request as received, a JSON value. */
  input: unknown;
  /** The answer given, a JSON value. */
  output: unknown;
  /** Identifies the rule set (the data directory's hash) the answer was computed from. */
  ruleset_hash: string;
  /** Screening list name to the content hash of the version used. */
  list_versions: Record<string, string>;
  /** Who asked: an API key id, or `cli:<user>`. */
  caller: string;
  /** Set by the caller so that a retried request is recorded once; scoped to `caller`. */
  idempotency_key?: string;
  // Summary fields, copied out of input and output so decisions can be filtered without parsing JSON.
  verdict?: string;
  chip?: string;
  parties?: string[];
  /** The date the decision was asked about (not when it was made). */
  on_date?: IsoDate;
  /** What the decision says is owed under licence conditions; stored with the entry and covered by its hash. */
  obligations?: ObligationInput[];
}

/** One ledger entry. Every field but `hash` is hashed; see `entryHash`. */
export interface LedgerEntry {
  /** 1, 2, 3, … without gaps: the entry's position in the chain. */
  seq: number;
  id: string;
  created_at: string;
  kind: string;
  caller: string;
  idempotency_key: string | null;
  ruleset_hash: string;
  list_versions: Record<string, string>;
  input: unknown;
  output: unknown;
  verdict: string | null;
  chip: string | null;
  parties: string[];
  on_date: IsoDate | null;
  obligations: Obligation[];
  /** The previous entry's hash; 64 zeros for the first entry. */
  prev_hash: string;
  hash: string;
}

export interface AppendedDecision {
  entry: LedgerEntry;
  /** `entry.output` exactly as stored and hashed (canonical JSON), ready to send without serialising it again. */
  output_json: string;
  /** True when the idempotency key had been used: `entry` is the first answer and nothing new was recorded. */
  replayed: boolean;
}

export type ChainBreak =
  /** The stored content does not hash to the stored hash: edited in place. */
  | 'hash_mismatch'
  /** The entry hashes consistently, but not to what the next entry (or the chain head) recorded: rewritten and re-hashed. */
  | 'link_mismatch'
  /** No entry with this seq, though a later one or the chain head says there was. */
  | 'missing'
  /** A JSON column does not parse. */
  | 'unreadable';

export interface LedgerVerification {
  ok: boolean;
  /** Entries found intact: all of them when ok, else those before `first_broken`. */
  entries: number;
  /** The last intact entry; publishing this hash elsewhere lets an auditor detect a rewrite of the whole chain. */
  head: { seq: number; hash: string };
  first_broken?: { seq: number; reason: ChainBreak };
}

export interface DecisionQuery {
  /** Decisions recorded on or after this UTC date. */
  from?: IsoDate;
  /** Decisions recorded on or before this UTC date. */
  to?: IsoDate;
  verdict?: string;
  chip?: string;
  kind?: string;
  /** Case-insensitive substring of any party name. */
  party?: string;
  /** 1 to 500; 50 when left out. */
  limit?: number;
  cursor?: string;
}

export interface DecisionPage {
  entries: LedgerEntry[];
  /** Null on the last page. */
  next_cursor: string | null;
}

// ---- obligations ----

export type ObligationKind = 'revenue_share' | 'tariff' | 'notification';
export const OBLIGATION_KINDS: readonly ObligationKind[] = ['revenue_share', 'tariff', 'notification'];

export interface ObligationInput {
  kind: ObligationKind;
  payee: string;
  /** Share of the order's value, for revenue shares and ad-valorem tariffs. */
  percent?: number | null;
  /** What is owed, rounded to the nearest cent (halves up) when stored; absent for a notification. */
  amount_usd?: number | null;
  /** When it falls due; decides the quarter it is summed in. */
  on_date: IsoDate;
}

export interface Obligation {
  kind: ObligationKind;
  payee: string;
  percent: number | null;
  amount_usd: number | null;
  on_date: IsoDate;
}

export interface ObligationTotal {
  /** `2025-Q3`. */
  quarter: string;
  payee: string;
  kind: ObligationKind;
  /** Sum of the amounts (obligations without one count as 0). */
  amount_usd: number;
  obligations: number;
  /** The decisions behind the figure, in ledger order. */
  decision_ids: string[];
}

// ---- API keys ----

export type Role = 'viewer' | 'analyst' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];

export interface ApiKeyIdentity {
  id: string;
  role: Role;
  label: string | null;
}

export interface ApiKeyInfo extends ApiKeyIdentity {
  created_at: string;
  revoked_at: string | null;
}

export interface CreatedApiKey extends ApiKeyInfo {
  /** The secret, shown once: `chl_` and 43 base64url characters. */
  key: string;
}

// ---- licences ----

/** A licence condition, e.g. `{ kind: 'revenue_share', percent: 15, payee: 'US Government' }`. */
export interface LicenceCondition {
  kind: string;
  [field: string]: unknown;
}

export interface LicenceInput {
  licence_number: string;
  holder: string;
  /** Catalog chip ids the licence covers. */
  chips: string[];
  /** ISO 3166-1 alpha-2, upper case. */
  destination: string;
  consignee: string;
  /** Units the licence allows in total; null for no quantity limit. */
  quantity_limit: number | null;
  /** Value the licence allows in total; null for no value limit. */
  value_limit_usd: number | null;
  conditions?: LicenceCondition[];
  valid_from: IsoDate;
  /** Last day a shipment may leave under the licence. */
  valid_to: IsoDate;
}

export interface LicenceBalance {
  licence_number: string;
  quantity_limit: number | null;
  quantity_used: number;
  /** Null when there is no quantity limit. */
  quantity_remaining: number | null;
  value_limit_usd: number | null;
  value_used_usd: number;
  /** Null when there is no value limit. */
  value_remaining_usd: number | null;
}

export interface Licence extends LicenceBalance {
  holder: string;
  chips: string[];
  destination: string;
  consignee: string;
  conditions: LicenceCondition[];
  valid_from: IsoDate;
  valid_to: IsoDate;
  created_at: string;
}

export interface ShipmentInput {
  /** Units, a positive integer. */
  quantity: number;
  value_usd: number;
  /** The ledger decision that cleared the shipment. */
  decision_id?: string;
  shipped_on: IsoDate;
}

export interface Shipment {
  id: string;
  licence_number: string;
  quantity: number;
  value_usd: number;
  decision_id: string | null;
  shipped_on: IsoDate;
  recorded_at: string;
}

export interface RecordedShipment {
  shipment: Shipment;
  /** What the licence has left after this shipment. */
  balance: LicenceBalance;
}

// ---- screening-list versions ----

export interface ListVersionInput {
  /** SHA-256 (hex) of the imported content: a version's identity, what ledger entries cite in `list_versions`. */
  content_hash: string;
  /** The publisher's date for the data, when known. */
  source_date: IsoDate | null;
  /** How the source was read, e.g. `csl-csv`. */
  format: string;
  /** Entries per list, e.g. `{ "SDN": 12000, "Entity List": 800 }`. */
  counts: Record<string, number>;
  /** The parsed entries, JSON data. */
  entries: unknown;
}

export interface ListVersionSummary {
  content_hash: string;
  imported_at: string;
  source_date: IsoDate | null;
  format: string;
  counts: Record<string, number>;
}

export interface ListVersion extends ListVersionSummary {
  entries: unknown;
}

export interface SavedListVersion {
  version: ListVersionSummary;
  /** False when this content had been imported before; nothing changed. */
  created: boolean;
}
