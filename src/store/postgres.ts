import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Backend } from './backend.js';
import type { PreparedDecision } from './ledger-append.js';
import { kyselyStore } from './kysely-store.js';
import { groupCommit } from './group-commit.js';
import { appendBatchLockingHead, MAX_APPEND_BATCH } from './ledger.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

const INT8_OID = 20;

/**
 * pg returns bigint columns (and count(*)) as strings, since they may exceed 2^53. Every bigint here is a seq,
 * a quantity or an amount in cents, far below that; reading one that is not a safe integer is an error, not a
 * silent rounding.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${text} is beyond what this store can read exactly`);
  return n;
}

/**
 * Opens a pool on a `postgres://` URL and migrates the database (Kysely's migrator holds an advisory lock).
 * The tables go in the connection's current schema: `public`, or another chosen in the URL with
 * `?options=-c%20search_path%3D<schema>` (the schema must exist).
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: (oid, format) => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)),
    },
  });
  // An idle client whose connection drops emits 'error' on the pool, which would crash the process if unheard.
  // The pool discards that client, and the next query opens a fresh connection, so there is nothing to do.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const appends = groupCommit((batch: PreparedDecision[]) => db.transaction().execute((trx) => appendBatchLockingHead(trx, batch)), MAX_APPEND_BATCH);
  const backend: Backend = {
    kind: 'postgres',
    db,
    rowLocks: true,
    writeTransaction: (work) => db.transaction().execute(work),
    appendToLedger: (prepared) => appends.push(prepared),
    close: async () => {
      await appends.drained();
      await db.destroy();
    },
  };
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('the search_path names no existing schema to hold the tables');
    await migrateToLatest(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return kyselyStore(backend);
}
