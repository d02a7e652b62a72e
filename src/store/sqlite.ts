import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { Backend } from './backend.js';
import type { ChainOutcome, PreparedDecision } from './ledger-append.js';
import { kyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import type { WriterOptions, WriterReply, WriterRequest } from './sqlite-ledger-writer.js';

/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY. better-sqlite3
 * waits synchronously, so this only ever blocks when a second process (a CLI run beside the server) writes too.
 */
const BUSY_TIMEOUT_MS = 10_000;

/** Distinct SQL texts kept compiled; queries with IN lists of varying length come and go, the rest stay. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles SQL afresh on each prepare. The same few
 * statements (an append's inserts, the head lock) run over and over, so compiled statements are kept by their SQL
 * text. better-sqlite3 recompiles a kept statement itself if the schema changes under it. (A statement being
 * iterated is busy and cannot be shared, but no query here streams.)
 */
function withStatementCache(handle: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => handle.close(),
    prepare: (text) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = handle.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * The writer thread's module, beside this one. Node 20 applies no module hooks (tsx) in worker threads, so the
 * SQLite store runs from the build (`dist/`), never from source: tests that open one import it from `dist/`.
 */
const WRITER_MODULE = new URL('./sqlite-ledger-writer.js', import.meta.url);

function synchronousMode(): 'FULL' | 'NORMAL' {
  const mode = (process.env.CHIPLAW_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (mode !== 'FULL' && mode !== 'NORMAL') {
    throw new InputError(`CHIPLAW_SQLITE_SYNCHRONOUS: "${mode}" is not FULL or NORMAL`, 'CHIPLAW_SQLITE_SYNCHRONOUS', mode);
  }
  return mode;
}

/**
 * The main thread's side of the ledger writer thread (`sqlite-ledger-writer.ts`). Each append is posted as soon
 * as it is made; the thread batches whatever is waiting. The thread is started on the first append and again
 * after it died; the appends it had not answered are rejected (SQLite rolls back a transaction left uncommitted).
 * It keeps the process alive only while appends are in flight.
 */
function sqliteLedgerWriter(options: WriterOptions): { append(prepared: PreparedDecision): Promise<ChainOutcome>; close(): Promise<void> } {
  let worker: Worker | null = null;
  let lastId = 0;
  const inFlight = new Map<number, { resolve: (outcome: ChainOutcome) => void; reject: (error: unknown) => void }>();

  function answered(reply: WriterReply): void {
    const error = reply.ok ? null : Object.assign(new Error(`ledger write failed: ${reply.message}`), { code: reply.code });
    reply.ids.forEach((id, i) => {
      const waiting = inFlight.get(id);
      inFlight.delete(id);
      if (error) waiting?.reject(error);
      else waiting?.resolve((reply as Extract<WriterReply, { ok: true }>).outcomes[i]!);
    });
    if (inFlight.size === 0) worker?.unref();
  }

  function stopped(stoppedWorker: Worker, error: Error): void {
    if (worker !== stoppedWorker) return;
    worker = null;
    for (const waiting of inFlight.values()) waiting.reject(error);
    inFlight.clear();
  }

  function start(): Worker {
    const started = new Worker(WRITER_MODULE, { workerData: options });
    started.on('message', answered);
    started.on('error', (error) => stopped(started, error));
    started.on('exit', (code) => stopped(started, new Error(`the ledger writer thread stopped (exit code ${code})`)));
    return started;
  }

  return {
    append: (prepared) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        const id = ++lastId;
        inFlight.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ kind: 'append', id, prepared } satisfies WriterRequest);
      }),
    close: async () => {
      const closing = worker;
      worker = null;
      if (!closing) return;
      // Messages are handled in order: appends posted before this are written before the thread closes.
      const exited = once(closing, 'exit');
      closing.ref();
      closing.postMessage({ kind: 'close' } satisfies WriterRequest);
      await exited;
    },
  };
}

/**
 * Opens (creating it and its directory if need be) the SQLite file at `path` and migrates it.
 *
 * WAL lets readers run beside the writer. synchronous=FULL (the default) syncs the WAL on every commit, so an
 * acknowledged decision survives power loss as well as a killed process. CHIPLAW_SQLITE_SYNCHRONOUS=NORMAL trades
 * the first for throughput: commits skip the disk sync, and a killed process still loses nothing acknowledged.
 * One store holds two connections: the main thread's, through Kysely, which queues its queries so that its
 * transactions never overlap, for reads and every write but ledger appends; and the ledger writer thread's, for
 * appends. Open one store per file per process: a second one in the same process would wait for the first's lock
 * synchronously, blocking the very event loop that would release it, until the busy timeout.
 */
export async function openSqliteStore(path: string): Promise<Store> {
  if (path === ':memory:' || path === '') {
    throw new InputError('db: the SQLite store needs a file (the ledger writer thread opens it too)', 'db', path);
  }
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const handle = new SqliteDatabase(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    const synchronous = synchronousMode();
    handle.pragma('journal_mode = WAL');
    handle.pragma(`synchronous = ${synchronous}`);
    handle.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
    const ledgerWriter = sqliteLedgerWriter({ path: file, synchronous, busyTimeoutMs: BUSY_TIMEOUT_MS });
    const backend: Backend = {
      kind: 'sqlite',
      db,
      rowLocks: false,
      // BEGIN IMMEDIATE takes the write lock up front. A plain BEGIN would take it at the first write, and a
      // transaction that read first could then fail with SQLITE_BUSY instead of waiting for another process.
      writeTransaction: (work) =>
        db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await work(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            if (handle.inTransaction) await sql`rollback`.execute(conn);
            throw error;
          }
        }),
      appendToLedger: (prepared) => ledgerWriter.append(prepared),
      close: async () => {
        await ledgerWriter.close();
        await db.destroy();
      },
    };
    // Kysely runs SQLite migrations outside a transaction (its adapter reports no transactional DDL, though
    // SQLite has it). Running them inside BEGIN IMMEDIATE makes them all-or-nothing and lets two processes
    // opening one new file take turns.
    handle.exec('begin immediate');
    try {
      await migrateToLatest(db);
      handle.exec('commit');
    } catch (error) {
      if (handle.inTransaction) handle.exec('rollback');
      throw error;
    }
    return kyselyStore(backend);
  } catch (error) {
    handle.close();
    throw error;
  }
}
