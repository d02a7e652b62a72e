import { sql, type Kysely } from 'kysely';
import { addDays } from '../core/dates.js';
import { InputError } from '../core/errors.js';
import {
  chainBatch,
  entryFromRow,
  foldName,
  keyOf,
  obligationFromRow,
  type ChainOutcome,
  type PreparedDecision,
  type StoredEntry,
} from './ledger-append.js';
import { entryHash, GENESIS_HASH } from './ledger-hash.js';
import type { Database, LedgerEntryTable } from './schema.js';
import type { ChainBreak, DecisionPage, DecisionQuery, LedgerEntry, LedgerVerification, Obligation } from './store.js';
import { optionalIsoDate, optionalText, plainObject } from './validate.js';

/** Entries read per query while verifying, so that memory does not grow with the ledger. */
const VERIFY_PAGE = 500;
/** Bounds how long one batch of appends holds the chain head, and so delays other processes' appends. */
export const MAX_APPEND_BATCH = 100;
/** Values one statement may bind: SQLite allows 32766, PostgreSQL 65535. */
const MAX_BOUND_VALUES = 30_000;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

/**
 * Chains a batch onto the PostgreSQL ledger inside `trx`. The head row is locked first (SELECT … FOR UPDATE),
 * which makes concurrent appenders, in this process or another, take turns.
 */
export async function appendBatchLockingHead(trx: Kysely<Database>, batch: PreparedDecision[]): Promise<ChainOutcome[]> {
  const head = await trx.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  // Read under the lock: a request with the same key may have committed since it was queued.
  const recorded = new Map<string, StoredEntry>();
  for (const { row } of batch) {
    if (row.idempotency_key === null) continue;
    const first = await trx.selectFrom('ledger_entry').selectAll().where('caller', '=', row.caller).where('idempotency_key', '=', row.idempotency_key).executeTakeFirst();
    if (first) {
      const obligations = await trx.selectFrom('obligation').selectAll().where('decision_id', '=', first.id).orderBy('position').execute();
      recorded.set(keyOf(row.caller, row.idempotency_key), { row: first, obligations });
    }
  }
  const chained = chainBatch(batch, head, (caller, key) => recorded.get(keyOf(caller, key)));
  // A few multi-row statements for the whole batch rather than three per entry.
  for (const chunk of chunks(chained.rows.entries)) await trx.insertInto('ledger_entry').values(chunk).execute();
  for (const chunk of chunks(chained.rows.parties)) await trx.insertInto('decision_party').values(chunk).execute();
  for (const chunk of chunks(chained.rows.obligations)) await trx.insertInto('obligation').values(chunk).execute();
  await trx.updateTable('ledger_head').set(chained.head).where('id', '=', 1).execute();
  return chained.outcomes;
}

/** Splits rows so that one INSERT binds at most MAX_BOUND_VALUES values. */
function chunks<T extends object>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  const size = Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]!).length);
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
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

async function entriesFromRows(db: Kysely<Database>, rows: LedgerEntryTable[]): Promise<LedgerEntry[]> {
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
