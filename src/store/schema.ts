/**
 * Row types of the tables the migrations create, as Kysely sees them. Only portable column types are used:
 * text, integer, bigint and double precision. JSON is kept as text (canonical JSON for hashed values) rather than
 * jsonb, because jsonb would re-format numbers and key order differently from SQLite; timestamps and dates are
 * ISO strings, which sort correctly as text in both databases; money is whole cents.
 */
export interface Database {
  ledger_entry: LedgerEntryTable;
  ledger_head: LedgerHeadTable;
  decision_party: DecisionPartyTable;
  obligation: ObligationTable;
  api_key: ApiKeyTable;
  licence: LicenceTable;
  licence_shipment: LicenceShipmentTable;
  list_version: ListVersionTable;
}

export interface LedgerEntryTable {
  seq: number;
  id: string;
  created_at: string;
  kind: string;
  caller: string;
  idempotency_key: string | null;
  ruleset_hash: string;
  /** Canonical JSON. */
  list_versions: string;
  /** Canonical JSON. */
  input: string;
  /** Canonical JSON. */
  output: string;
  verdict: string | null;
  chip: string | null;
  /** Canonical JSON array of names. */
  parties: string;
  on_date: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The one row (id 1) naming the last entry of the chain. Appends lock it, which serialises writers on PostgreSQL,
 * and verification checks the last entry against it, which detects entries cut off the end.
 */
export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** Search index for the party filter: each party of a decision, case-folded. Derived from `ledger_entry.parties`. */
export interface DecisionPartyTable {
  decision_seq: number;
  position: number;
  name_folded: string;
}

export interface ObligationTable {
  decision_id: string;
  /** Order within the decision, which the entry hash depends on. */
  position: number;
  kind: string;
  payee: string;
  percent: number | null;
  amount_cents: number | null;
  on_date: string;
}

export interface ApiKeyTable {
  id: string;
  /** SHA-256 (hex) of the key. */
  key_hash: string;
  role: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface LicenceTable {
  licence_number: string;
  holder: string;
  /** JSON array of chip ids. */
  chips: string;
  destination: string;
  consignee: string;
  quantity_limit: number | null;
  value_limit_cents: number | null;
  quantity_used: number;
  value_used_cents: number;
  /** JSON array of conditions. */
  conditions: string;
  valid_from: string;
  valid_to: string;
  created_at: string;
}

export interface LicenceShipmentTable {
  id: string;
  licence_number: string;
  quantity: number;
  value_cents: number;
  decision_id: string | null;
  shipped_on: string;
  recorded_at: string;
}

export interface ListVersionTable {
  content_hash: string;
  imported_at: string;
  source_date: string | null;
  format: string;
  /** JSON object: list name to entry count. */
  counts: string;
  /** JSON: the parsed entries. */
  entries: string;
}
