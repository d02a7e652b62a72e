import { InputError } from '../core/errors.js';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { Backend } from './backend.js';
import { kyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

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

function synchronousMode(): 'FULL' | 'NORMAL' {
  const mode = (process.env.CHIPLAW_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (mode !== 'FULL' && mode !== 'NORMAL') {
    throw new InputError(`CHIPLAW_SQLITE_SYNCHRONOUS: "${mode}" is not FULL or NORMAL`, 'CHIPLAW_SQLITE_SYNCHRONOUS', mode);
  }
  return mode;
}

/**
 * Opens (creating it and its directory if need be) the SQLite file at `path` and migrates it.
 *
 * WAL lets readers run beside the writer. synchronous=FULL (the default) syncs the WAL on every commit, so an
 * acknowledged decision survives power loss as well as a killed process. CHIPLAW_SQLITE_SYNCHRONOUS=NORMAL trades
 * the first for throughput: commits skip the disk sync, and a killed process still loses nothing acknowledged.
 * One store holds one connection: Kysely queues its queries, so its transactions never overlap. Open one store
 * per file per process: a second one in the same process would wait for the first's lock synchronously, blocking
 * the very event loop that would release it, until the busy timeout.
 */
export async function openSqliteStore(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const handle = new SqliteDatabase(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    handle.pragma('journal_mode = WAL');
    handle.pragma(`synchronous = ${synchronousMode()}`);
    handle.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
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
      close: () => db.destroy(),
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
