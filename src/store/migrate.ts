import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * Brings the schema up to date; a no-op when it is. Throws the first migration's error, having applied none of it.
 * `migrationSchema` names the PostgreSQL schema the tables live in; without it Kysely would take a migration
 * table in any schema of the database as this store's.
 */
export async function migrateToLatest(db: Kysely<Database>, migrationSchema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: migrationSchema });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
}
