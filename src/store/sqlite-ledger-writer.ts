/**
 * The SQLite ledger writer, run in its own thread (see `sqliteLedgerWriter` in sqlite.ts). better-sqlite3 is
 * synchronous: an append's transaction, and above all the sync to disk at its commit, would otherwise stop the
 * server's event loop for every batch. Here it stops only this thread, while the main thread goes on parsing,
 * deciding and answering, and queueing the next batch.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { chainBatch, type ChainHead, type ChainOutcome, type ObligationRow, type PreparedDecision, type StoredEntry } from './ledger-append.js';
import type { LedgerEntryTable } from './schema.js';

export interface WriterOptions {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  busyTimeoutMs: number;
}

/** Messages to the writer: an append, numbered by the sender, or the request to close the database and stop. */
export type WriterRequest = { kind: 'append'; id: number; prepared: PreparedDecision } | { kind: 'close' };

/** The writer's answer to the appends written in one transaction, or to all of them when it failed. */
export type WriterReply =
  | { ok: true; ids: number[]; outcomes: ChainOutcome[] }
  | { ok: false; ids: number[]; message: string; code: string | null };

/** Bounds how long one transaction holds the write lock, and so delays another process's writes. */
const MAX_BATCH = 500;

const options = workerData as WriterOptions;
const port = parentPort!;
const db = new SqliteDatabase(options.path, { timeout: options.busyTimeoutMs });
db.pragma(`synchronous = ${options.synchronous}`);
db.pragma('foreign_keys = ON');

const readHead = db.prepare<[], ChainHead>('select seq, hash from ledger_head where id = 1');
const readRecorded = db.prepare<[string, string], LedgerEntryTable>('select * from ledger_entry where caller = ? and idempotency_key = ?');
const readObligations = db.prepare<[string], ObligationRow>(
  'select position, kind, payee, percent, amount_cents, on_date from obligation where decision_id = ? order by position',
);
const insertEntry = db.prepare<LedgerEntryTable>(
  `insert into ledger_entry (seq, id, created_at, kind, caller, idempotency_key, ruleset_hash, list_versions, input, output, verdict, chip, parties, on_date, prev_hash, hash)
   values (@seq, @id, @created_at, @kind, @caller, @idempotency_key, @ruleset_hash, @list_versions, @input, @output, @verdict, @chip, @parties, @on_date, @prev_hash, @hash)`,
);
const insertParty = db.prepare('insert into decision_party (decision_seq, position, name_folded) values (@decision_seq, @position, @name_folded)');
const insertObligation = db.prepare(
  'insert into obligation (decision_id, position, kind, payee, percent, amount_cents, on_date) values (@decision_id, @position, @kind, @payee, @percent, @amount_cents, @on_date)',
);
const writeHead = db.prepare<ChainHead>('update ledger_head set seq = @seq, hash = @hash where id = 1');

function recorded(caller: string, idempotencyKey: string): StoredEntry | undefined {
  const row = readRecorded.get(caller, idempotencyKey);
  return row && { row, obligations: readObligations.all(row.id) };
}

/** One batch in one transaction; `.immediate` takes the write lock at BEGIN, so the head read is the head written. */
const appendBatch = db.transaction((batch: PreparedDecision[]) => {
  const chained = chainBatch(batch, readHead.get()!, recorded);
  for (const entry of chained.rows.entries) insertEntry.run(entry);
  for (const party of chained.rows.parties) insertParty.run(party);
  for (const obligation of chained.rows.obligations) insertObligation.run(obligation);
  writeHead.run(chained.head);
  return chained.outcomes;
});

function write(ids: number[], batch: PreparedDecision[]): void {
  let reply: WriterReply;
  try {
    reply = { ok: true, ids, outcomes: appendBatch.immediate(batch) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    reply = { ok: false, ids, message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null };
  }
  port.postMessage(reply);
}

/**
 * Group commit: each append arrives as its own message, and every append already waiting when a transaction
 * starts is written in it. While one transaction syncs to disk, the next batch gathers in the port.
 */
port.on('message', (first: WriterRequest) => {
  let request: WriterRequest | undefined = first;
  while (request) {
    if (request.kind === 'close') {
      db.close();
      port.close();
      return;
    }
    const ids: number[] = [];
    const batch: PreparedDecision[] = [];
    while (request?.kind === 'append' && batch.length < MAX_BATCH) {
      ids.push(request.id);
      batch.push(request.prepared);
      request = (receiveMessageOnPort(port)?.message as WriterRequest | undefined);
    }
    write(ids, batch);
  }
});
