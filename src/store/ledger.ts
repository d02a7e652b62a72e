import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { addDays } from '../core/dates.js';
import { InputError } from '../core/errors.js';
import type { Backend } from './backend.js';
import { canonicalJson } from './canonical-json.js';
import { ConflictError } from './errors.js';
import { entryHash, GENESIS_HASH } from './ledger-hash.js';
import type { Database, DecisionPartyTable, LedgerEntryTable, ObligationTable } from './schema.js';
import {
  OBLIGATION_KINDS,
  type AppendedDecision,
  type ChainBreak,
  type DecisionInput,
  type DecisionPage,
  type DecisionQuery,
  type LedgerEntry,
  type LedgerVerification,
  type Obligation,
  type ObligationKind,
} from './store.js';
import {
  centsToUsd,
  isoDate,
  optionalIsoDate,
  optionalText,
  plainObject,
  requiredText,
  stringArray,
  usdRoundedToCents,
} from './validate.js';

const KIND = /^[a-z][a-z0-9_.-]{0,63}$/;
/** Bounds on one decision's rows. */
const MAX_PARTIES = 1000;
const MAX_OBLIGATIONS = 1000;
/** Entries read per query while verifying, so that memory does not grow with the ledger. */
const VERIFY_PAGE = 500;
/** Bounds how long one batch of appends holds the chain head, and so delays other processes' appends. */
const MAX_BATCH = 100;
/** Values one statement may bind: SQLite allows 32766, PostgreSQL 65535. */
const MAX_BOUND_VALUES = 30_000;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

/** A decision checked and turned into the values its row will hold. */
interface PreparedDecision {
  row: Omit<LedgerEntryTable, 'seq' | 'id' | 'created_at' | 'prev_hash' | 'hash'>;
  parties: string[];
  obligations: ObligationRow[];
}

function prepareDecision(decision: DecisionInput): PreparedDecision {
  const d = plainObject('decision', decision) as Partial<DecisionInput>;
  if (typeof d.kind !== 'string' || !KIND.test(d.kind)) {
    throw new InputError('kind must be a lowercase name such as check or licence.create', 'kind', d.kind);
  }
  const listVersions = plainObject('list_versions', d.list_versions);
  for (const [name, hash] of Object.entries(listVersions)) requiredText(`list_versions.${name}`, hash, 200);
  const parties = d.parties == null ? [] : stringArray('parties', d.parties);
  if (parties.length > MAX_PARTIES) throw new InputError(`parties has more than ${MAX_PARTIES} names`, 'parties');
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
    obligations: prepareObligations(d.obligations),
  };
}

/** Obligation rows as stored, less the decision id, which is not known until the append. */
type ObligationRow = Omit<ObligationTable, 'decision_id'>;

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

/** Case folding for the party filter; the same function folds stored names and the query. */
function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/**
 * The append path of one store. Appends are queued and written by one loop: those that arrive while a transaction
 * is committing are written together in the next, under one lock and one commit (one fsync), so concurrent
 * requests share the cost of durability. Each append is acknowledged only once its transaction has committed.
 */
export function ledgerAppender(backend: Backend): (decision: DecisionInput) => Promise<AppendedDecision> {
  const queue: QueuedAppend[] = [];
  let writing = false;

  async function writeQueued(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await backend.writeTransaction((trx) => appendBatch(backend, trx, batch.map((q) => q.prepared)));
        outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.appended) : batch[i]!.reject(outcome.error)));
      } catch (error) {
        // The transaction failed as a whole (a lost connection, a full disk) and recorded none of the batch.
        for (const q of batch) q.reject(error);
      }
    }
    writing = false;
  }

  return async (decision) => {
    const prepared = prepareDecision(decision);
    // A retry usually finds its first answer here, without queueing for the write lock.
    const first = await firstAnswer(backend.db, prepared);
    if (first) {
      const outcome = replay(first, prepared);
      if (!outcome.ok) throw outcome.error;
      return outcome.appended;
    }
    return new Promise<AppendedDecision>((resolve, reject) => {
      queue.push({ prepared, resolve, reject });
      if (!writing) void writeQueued();
    });
  };
}

interface QueuedAppend {
  prepared: PreparedDecision;
  resolve: (appended: AppendedDecision) => void;
  reject: (error: unknown) => void;
}

type AppendOutcome = { ok: true; appended: AppendedDecision } | { ok: false; error: InputError };

/** Appends a batch in one transaction; a request refused for its own sake (a reused key) does not fail the others. */
async function appendBatch(backend: Backend, trx: Kysely<Database>, batch: PreparedDecision[]): Promise<AppendOutcome[]> {
  let headQuery = trx.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1);
  if (backend.rowLocks) headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const answeredInBatch = new Map<string, FirstAnswer>();
  const outcomes: AppendOutcome[] = [];
  const rows: NewRows = { entries: [], parties: [], obligations: [] };
  for (const prepared of batch) {
    // Checked again under the lock: a request with the same key may have committed, or be earlier in this batch.
    const first = await firstAnswer(trx, prepared, answeredInBatch);
    if (first) {
      outcomes.push(replay(first, prepared));
      continue;
    }
    const entry = newEntry(prepared, head.seq + 1, head.hash, rows);
    head.seq = entry.seq;
    head.hash = entry.hash;
    if (entry.idempotency_key !== null) answeredInBatch.set(keyOf(entry.caller, entry.idempotency_key), { entry, input: prepared.row.input });
    outcomes.push({ ok: true, appended: { entry, replayed: false } });
  }
  // Written after the loop, a few multi-row statements for the whole batch rather than three per entry.
  for (const chunk of chunks(rows.entries)) await trx.insertInto('ledger_entry').values(chunk).execute();
  for (const chunk of chunks(rows.parties)) await trx.insertInto('decision_party').values(chunk).execute();
  for (const chunk of chunks(rows.obligations)) await trx.insertInto('obligation').values(chunk).execute();
  await trx.updateTable('ledger_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
  return outcomes;
}

/** Rows a batch of appends will insert. */
interface NewRows {
  entries: Selectable<LedgerEntryTable>[];
  parties: Selectable<DecisionPartyTable>[];
  obligations: Selectable<ObligationTable>[];
}

/** Makes the entry that follows `prevHash` at `seq`, adding its rows to `rows`. */
function newEntry(prepared: PreparedDecision, seq: number, prevHash: string, rows: NewRows): LedgerEntry {
  const unhashed = { ...prepared.row, seq, id: randomUUID(), created_at: new Date().toISOString(), prev_hash: prevHash };
  const obligationRows = prepared.obligations.map((o) => ({ ...o, decision_id: unhashed.id }));
  const obligations = obligationRows.map(obligationFromRow);
  // Hashed from the values as they will be read back, exactly as verifyLedger will hash them.
  const entry = entryFromRow({ ...unhashed, hash: '' }, obligations);
  entry.hash = entryHash(entry);
  rows.entries.push({ ...unhashed, hash: entry.hash });
  rows.parties.push(...prepared.parties.map((name, position) => ({ decision_seq: seq, position, name_folded: foldName(name) })));
  rows.obligations.push(...obligationRows);
  return entry;
}

/** Splits rows so that one INSERT binds at most MAX_BOUND_VALUES values. */
function chunks<T extends object>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  const size = Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]!).length);
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

/** An entry recorded under an idempotency key, with the request's input as canonical JSON. */
interface FirstAnswer {
  entry: LedgerEntry;
  input: string;
}

function keyOf(caller: string, idempotencyKey: string): string {
  return JSON.stringify([caller, idempotencyKey]);
}

/** The entry already recorded under this request's caller and idempotency key, if any. */
async function firstAnswer(
  db: Kysely<Database>,
  request: PreparedDecision,
  answeredInBatch = new Map<string, FirstAnswer>(),
): Promise<FirstAnswer | undefined> {
  const { caller, idempotency_key: key } = request.row;
  if (key === null) return undefined;
  const inBatch = answeredInBatch.get(keyOf(caller, key));
  if (inBatch) return inBatch;
  const row = await db.selectFrom('ledger_entry').selectAll().where('caller', '=', caller).where('idempotency_key', '=', key).executeTakeFirst();
  return row && { entry: (await entriesFromRows(db, [row]))[0]!, input: row.input };
}

/** The first answer for a retried request, or a `ConflictError` when the retry is not the same request. */
function replay(first: FirstAnswer, retry: PreparedDecision): AppendOutcome {
  if (first.entry.kind !== retry.row.kind || first.input !== retry.row.input) {
    const message = `idempotency_key was used for a different ${first.entry.kind} request (decision ${first.entry.id})`;
    return { ok: false, error: new ConflictError(message, 'idempotency_key', retry.row.idempotency_key) };
  }
  return { ok: true, appended: { entry: first.entry, replayed: true } };
}

/** The entry a row holds; throws when a JSON column does not parse. */
function entryFromRow(row: Selectable<LedgerEntryTable>, obligations: Obligation[]): LedgerEntry {
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

function obligationFromRow(row: Selectable<ObligationTable>): Obligation {
  return {
    kind: row.kind as ObligationKind,
    payee: row.payee,
    percent: row.percent,
    amount_usd: row.amount_cents === null ? null : centsToUsd(row.amount_cents),
    on_date: row.on_date,
  };
}

/** Obligations of the given decisions, in their recorded order. */
async function obligationsOf(db: Kysely<Database>, decisionIds: string[]): Promise<Map<string, Obligation[]>> {
  const byDecision = new Map<string, Obligation[]>();
  if (decisionIds.length === 0) return byDecision;
  const rows = await db
    .selectFrom('obligation')
    .selectAll()
    .where('decision_id', 'in', decisionIds)
    .orderBy('decision_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byDecision.get(row.decision_id) ?? [];
    list.push(obligationFromRow(row));
    byDecision.set(row.decision_id, list);
  }
  return byDecision;
}

async function entriesFromRows(db: Kysely<Database>, rows: Selectable<LedgerEntryTable>[]): Promise<LedgerEntry[]> {
  const obligations = await obligationsOf(db, rows.map((r) => r.id));
  return rows.map((row) => entryFromRow(row, obligations.get(row.id) ?? []));
}

export async function getDecision(db: Kysely<Database>, id: string): Promise<LedgerEntry | null> {
  if (typeof id !== 'string') return null;
  const row = await db.selectFrom('ledger_entry').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await entriesFromRows(db, [row]))[0]! : null;
}

/**
 * Walks the chain from seq 1 in pages. The chain head is read first: entries appended while the walk runs
 * extend the chain and are checked as they come; the head only proves nothing was cut off before it was read.
 */
export async function verifyLedger(db: Kysely<Database>): Promise<LedgerVerification> {
  const head = await db.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let verified = 0;
  let prevHash = GENESIS_HASH;
  // A link break is blamed on the entry before the one that shows it, so the last good hash may be one further back.
  let hashBeforePrev = GENESIS_HASH;
  const broken = (seq: number, reason: ChainBreak): LedgerVerification => ({
    ok: false,
    entries: seq - 1,
    head: { seq: seq - 1, hash: seq - 1 === verified ? prevHash : hashBeforePrev },
    first_broken: { seq, reason },
  });
  for (;;) {
    const rows = await db
      .selectFrom('ledger_entry')
      .selectAll()
      .where('seq', '>', verified)
      .orderBy('seq')
      .limit(VERIFY_PAGE)
      .execute();
    if (rows.length === 0) break;
    const obligations = await obligationsOf(db, rows.map((r) => r.id));
    for (const row of rows) {
      const expectedSeq = verified + 1;
      if (row.seq !== expectedSeq) return broken(expectedSeq, 'missing');
      let entry: LedgerEntry;
      try {
        entry = entryFromRow(row, obligations.get(row.id) ?? []);
      } catch {
        return broken(row.seq, 'unreadable');
      }
      if (entryHash(entry) !== row.hash) return broken(row.seq, 'hash_mismatch');
      // This entry is intact, so the link it records is genuine: the previous entry no longer hashes to it.
      if (entry.prev_hash !== prevHash) return broken(Math.max(1, verified), 'link_mismatch');
      if (row.seq === head.seq && row.hash !== head.hash) return broken(row.seq, 'link_mismatch');
      verified = row.seq;
      hashBeforePrev = prevHash;
      prevHash = row.hash;
    }
  }
  if (verified < head.seq) return broken(verified + 1, 'missing');
  return { ok: true, entries: verified, head: { seq: verified, hash: prevHash } };
}

export async function listDecisions(db: Kysely<Database>, query: DecisionQuery = {}): Promise<DecisionPage> {
  const q = plainObject('query', query) as DecisionQuery;
  const from = optionalIsoDate('from', q.from);
  const to = optionalIsoDate('to', q.to);
  if (from !== null && to !== null && from > to) throw new InputError('from is after to', 'from', from);
  const limit = q.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new InputError(`limit must be a whole number from 1 to ${MAX_PAGE}`, 'limit', q.limit);
  }
  let select = db.selectFrom('ledger_entry').selectAll();
  if (q.cursor !== undefined) {
    if (typeof q.cursor !== 'string' || !/^[1-9]\d{0,15}$/.test(q.cursor)) throw new InputError('cursor is not one this store issued', 'cursor', q.cursor);
    select = select.where('seq', '<', Number(q.cursor));
  }
  // created_at is a full timestamp: the day after `to` is the first instant not included.
  if (from !== null) select = select.where('created_at', '>=', from);
  if (to !== null) select = select.where('created_at', '<', addDays(to, 1));
  const verdict = optionalText('verdict', q.verdict, 200);
  if (verdict !== null) select = select.where('verdict', '=', verdict);
  const chip = optionalText('chip', q.chip, 200);
  if (chip !== null) select = select.where('chip', '=', chip);
  const kind = optionalText('kind', q.kind, 64);
  if (kind !== null) select = select.where('kind', '=', kind);
  const party = optionalText('party', q.party, 200);
  if (party !== null) {
    const pattern = `%${foldName(party).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('decision_party')
          .select('decision_party.position')
          .whereRef('decision_party.decision_seq', '=', 'ledger_entry.seq')
          .where(sql<boolean>`decision_party.name_folded like ${pattern} escape '\\'`),
      ),
    );
  }
  const rows = await select.orderBy('seq', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    entries: await entriesFromRows(db, page),
    next_cursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
  };
}
