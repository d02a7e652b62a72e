import { v7 as timeOrderedUuid } from 'uuid';
import { InputError } from '../core/errors.js';
import { canonicalJson } from './canonical-json.js';
import { ConflictError } from './errors.js';
import { hashOfCanonicalFields } from './ledger-hash.js';
import type { DecisionPartyTable, LedgerEntryTable, ObligationTable } from './schema.js';
import { OBLIGATION_KINDS, type AppendedDecision, type DecisionInput, type LedgerEntry, type Obligation, type ObligationKind } from './store.js';
import { centsToUsd, isoDate, optionalIsoDate, optionalText, plainObject, requiredText, stringArray, usdRoundedToCents } from './validate.js';

/*
 * How an append becomes rows, shared by both databases: a decision is checked and written as canonical JSON once,
 * where the caller is (`prepareDecision`); a batch of them is then chained onto the ledger head under the write
 * lock (`chainBatch`), and each outcome turned back into what the caller gets (`appendedDecision`). Prepared
 * decisions and outcomes are plain data, so that the chaining can run in another thread.
 */

const KIND = /^[a-z][a-z0-9_.-]{0,63}$/;
/** Bounds on one decision's rows. */
const MAX_PARTIES = 1000;
const MAX_OBLIGATIONS = 1000;

/** Obligation rows as stored, less the decision id, which is not known until the append. */
export type ObligationRow = Omit<ObligationTable, 'decision_id'>;

/** A decision checked and turned into the values its rows will hold; JSON columns are canonical JSON text. */
export interface PreparedDecision {
  row: Omit<LedgerEntryTable, 'seq' | 'id' | 'created_at' | 'prev_hash' | 'hash'>;
  /** The party names `row.parties` holds. */
  parties: string[];
  obligations: ObligationRow[];
  /** Canonical JSON of the obligations as they will be read back (amounts in dollars), which the hash covers. */
  obligationsJson: string;
}

export function prepareDecision(decision: DecisionInput): PreparedDecision {
  const d = plainObject('decision', decision) as Partial<DecisionInput>;
  if (typeof d.kind !== 'string' || !KIND.test(d.kind)) {
    throw new InputError('kind must be a lowercase name such as check or licence.create', 'kind', d.kind);
  }
  const listVersions = plainObject('list_versions', d.list_versions);
  for (const [name, hash] of Object.entries(listVersions)) requiredText(`list_versions.${name}`, hash, 200);
  const parties = d.parties == null ? [] : stringArray('parties', d.parties);
  if (parties.length > MAX_PARTIES) throw new InputError(`parties has more than ${MAX_PARTIES} names`, 'parties');
  const obligations = prepareObligations(d.obligations);
  return {
    row: {
      kind: d.kind,
      caller: requiredText('caller', d.caller, 200),
      idempotency_key: optionalText('idempotency_key', d.idempotency_key, 200),
      ruleset_hash: requiredText('ruleset_hash', d.ruleset_hash, 200),
      list_versions: canonicalJson(listVersions, 'list_versions'),
      input: canonicalJson(d.input, 'input'),
      output: canonicalJson(d.output, 'output'),
      verdict: optionalText('verdict', d.verdict, 200),
      chip: optionalText('chip', d.chip, 200),
      parties: canonicalJson(parties),
      on_date: optionalIsoDate('on_date', d.on_date),
    },
    parties,
    obligations,
    obligationsJson: canonicalJson(obligations.map(obligationFromRow)),
  };
}

function prepareObligations(value: unknown): ObligationRow[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InputError('obligations must be an array', 'obligations', value);
  if (value.length > MAX_OBLIGATIONS) throw new InputError(`obligations has more than ${MAX_OBLIGATIONS} items`, 'obligations');
  return value.map((item, position) => {
    const field = `obligations[${position}]`;
    const o = plainObject(field, item);
    if (!OBLIGATION_KINDS.includes(o.kind as ObligationKind)) {
      throw new InputError(`${field}.kind must be one of ${OBLIGATION_KINDS.join(', ')}`, `${field}.kind`, o.kind);
    }
    if (o.percent != null && (typeof o.percent !== 'number' || !Number.isFinite(o.percent) || o.percent < 0)) {
      throw new InputError(`${field}.percent must be a non-negative number`, `${field}.percent`, o.percent);
    }
    return {
      position,
      kind: o.kind as ObligationKind,
      payee: requiredText(`${field}.payee`, o.payee, 200),
      percent: (o.percent as number | undefined) ?? null,
      amount_cents: o.amount_usd == null ? null : usdRoundedToCents(`${field}.amount_usd`, o.amount_usd),
      on_date: isoDate(`${field}.on_date`, o.on_date),
    };
  });
}

export function obligationFromRow(row: ObligationRow): Obligation {
  return {
    kind: row.kind as ObligationKind,
    payee: row.payee,
    percent: row.percent,
    amount_usd: row.amount_cents === null ? null : centsToUsd(row.amount_cents),
    on_date: row.on_date,
  };
}

/** Case folding for the party filter; the same function folds stored names and the query. */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** The last entry of the chain: seq 0 and the genesis hash before the first append. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** An entry as stored, with its obligations: what a retried request gets back. */
export interface StoredEntry {
  row: LedgerEntryTable;
  obligations: ObligationRow[];
}

/** What became of one append of a batch. */
export type ChainOutcome =
  | { status: 'appended'; seq: number; id: string; created_at: string; prev_hash: string; hash: string }
  | { status: 'replayed'; first: StoredEntry }
  /** The idempotency key was used for a different request, recorded as `first_id`. */
  | { status: 'conflict'; first_kind: string; first_id: string };

/** Rows a batch of appends will insert. */
export interface NewRows {
  entries: LedgerEntryTable[];
  parties: DecisionPartyTable[];
  obligations: ObligationTable[];
}

/** Looks up the entry a caller already recorded under an idempotency key. */
export type RecordedLookup = (caller: string, idempotencyKey: string) => StoredEntry | undefined;

export function keyOf(caller: string, idempotencyKey: string): string {
  return JSON.stringify([caller, idempotencyKey]);
}

/**
 * Chains a batch onto `head`, in order. A request whose idempotency key was used before (recorded, or earlier in
 * this batch) gets the first answer, or a conflict when it is not the same request; it does not fail the others.
 * Returns the outcomes, the rows to insert and the new head. Runs under the write lock: `recorded` must see
 * every committed entry.
 */
export function chainBatch(batch: readonly PreparedDecision[], head: ChainHead, recorded: RecordedLookup): { outcomes: ChainOutcome[]; rows: NewRows; head: ChainHead } {
  const answeredInBatch = new Map<string, StoredEntry>();
  const rows: NewRows = { entries: [], parties: [], obligations: [] };
  const createdAt = new Date().toISOString();
  let { seq, hash } = head;
  const outcomes = batch.map((prepared): ChainOutcome => {
    const { caller, idempotency_key: key } = prepared.row;
    const first = key === null ? undefined : (answeredInBatch.get(keyOf(caller, key)) ?? recorded(caller, key));
    if (first) {
      const same = first.row.kind === prepared.row.kind && first.row.input === prepared.row.input;
      return same ? { status: 'replayed', first } : { status: 'conflict', first_kind: first.row.kind, first_id: first.row.id };
    }
    // A time-ordered id (UUIDv7) lands at the end of the id index, as seq does, where a random one would dirty
    // a different index page, and so write a different page at commit, for every entry.
    // A time-ordered id (UUIDv7) lands at the end of the id index, as seq does, where a random one would dirty
    // a different index page, and so write a different page at commit, for every entry.
    const entry: LedgerEntryTable = { ...prepared.row, seq: seq + 1, id: timeOrderedUuid(), created_at: createdAt, prev_hash: hash, hash: '' };
    entry.hash = hashOfCanonicalFields({
      seq: String(entry.seq),
      id: canonicalJson(entry.id),
      created_at: canonicalJson(entry.created_at),
      kind: canonicalJson(entry.kind),
      caller: canonicalJson(entry.caller),
      idempotency_key: canonicalJson(entry.idempotency_key),
      ruleset_hash: canonicalJson(entry.ruleset_hash),
      list_versions: entry.list_versions,
      input: entry.input,
      output: entry.output,
      verdict: canonicalJson(entry.verdict),
      chip: canonicalJson(entry.chip),
      parties: entry.parties,
      on_date: canonicalJson(entry.on_date),
      obligations: prepared.obligationsJson,
      prev_hash: canonicalJson(entry.prev_hash),
    });
    const obligations = prepared.obligations.map((o) => ({ ...o, decision_id: entry.id }));
    rows.entries.push(entry);
    prepared.parties.forEach((name, position) => rows.parties.push({ decision_seq: entry.seq, position, name_folded: foldName(name) }));
    rows.obligations.push(...obligations);
    if (key !== null) answeredInBatch.set(keyOf(caller, key), { row: entry, obligations });
    seq = entry.seq;
    hash = entry.hash;
    return { status: 'appended', seq: entry.seq, id: entry.id, created_at: entry.created_at, prev_hash: entry.prev_hash, hash: entry.hash };
  });
  return { outcomes, rows, head: { seq, hash } };
}

/** The entry a stored row holds; throws when a JSON column does not parse. */
export function entryFromRow(row: LedgerEntryTable, obligations: Obligation[]): LedgerEntry {
  return {
    seq: row.seq,
    id: row.id,
    created_at: row.created_at,
    kind: row.kind,
    caller: row.caller,
    idempotency_key: row.idempotency_key,
    ruleset_hash: row.ruleset_hash,
    list_versions: JSON.parse(row.list_versions) as Record<string, string>,
    input: JSON.parse(row.input) as unknown,
    output: JSON.parse(row.output) as unknown,
    verdict: row.verdict,
    chip: row.chip,
    parties: JSON.parse(row.parties) as string[],
    on_date: row.on_date,
    obligations,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * What the caller of an append gets for an outcome. A new entry carries the caller's own input and output values
 * (equal as JSON to what was stored) rather than a copy parsed back; a conflict is thrown.
 */
export function appendedDecision(decision: DecisionInput, prepared: PreparedDecision, outcome: ChainOutcome): AppendedDecision {
  switch (outcome.status) {
    case 'appended': {
      const { row } = prepared;
      const { status: _status, ...chained } = outcome;
      return {
        replayed: false,
        output_json: row.output,
        entry: {
          ...chained,
          kind: row.kind,
          caller: row.caller,
          idempotency_key: row.idempotency_key,
          ruleset_hash: row.ruleset_hash,
          list_versions: decision.list_versions,
          input: decision.input,
          output: decision.output,
          verdict: row.verdict,
          chip: row.chip,
          parties: decision.parties ?? [],
          on_date: row.on_date,
          obligations: prepared.obligations.map(obligationFromRow),
        },
      };
    }
    case 'replayed':
      return { replayed: true, output_json: outcome.first.row.output, entry: entryFromRow(outcome.first.row, outcome.first.obligations.map(obligationFromRow)) };
    case 'conflict': {
      const message = `idempotency_key was used for a different ${outcome.first_kind} request (decision ${outcome.first_id})`;
      throw new ConflictError(message, 'idempotency_key', prepared.row.idempotency_key);
    }
  }
}
