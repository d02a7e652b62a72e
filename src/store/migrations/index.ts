import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';

/**
 * Every migration, by name; Kysely runs them in name order. Listed here rather than read from the directory so
 * that they work the same from src/ (tsx) and dist/ (compiled) and need no file-system access.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
