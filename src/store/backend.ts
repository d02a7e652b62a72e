import type { Kysely } from 'kysely';
import type { ChainOutcome, PreparedDecision } from './ledger-append.js';
import type { Database } from './schema.js';

/** What differs between the two databases; everything else is the shared Kysely code in `kysely-store.ts`. */
export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /**
   * Runs `work` in a transaction that excludes other writers for its whole length where the database needs that
   * (SQLite: BEGIN IMMEDIATE). On PostgreSQL, writers exclude each other by locking rows (`rowLocks`).
   */
  writeTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Chains an append onto the ledger (see `chainBatch`), in a transaction that excludes other appenders and that
   * appends made at about the same time share (group commit); settles once that transaction has committed.
   */
  appendToLedger(prepared: PreparedDecision): Promise<ChainOutcome>;
  /** Whether SELECT … FOR UPDATE is available and needed (PostgreSQL) to lock a row until commit. */
  readonly rowLocks: boolean;
  /** Waits for appends in flight, then closes. */
  close(): Promise<void>;
}
