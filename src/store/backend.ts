import type { Kysely } from 'kysely';
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
  /** Whether SELECT … FOR UPDATE is available and needed (PostgreSQL) to lock a row until commit. */
  readonly rowLocks: boolean;
  close(): Promise<void>;
}
