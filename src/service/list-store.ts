import type { ListStore, ListVersion, SaveOutcome } from '../lists/index.js';
import type { StoredList } from '../lists/store.js';
import { openStore, type Store } from '../store/index.js';
import { defaultDatabase } from './paths.js';

/**
 * Imported screening-list versions kept in the service's database (SQLite or PostgreSQL), so every server behind
 * one database screens against the same version. The whole `StoredList` is kept as the version's entries.
 */
export function databaseListStore(store: Store): ListStore {
  return {
    location: `${store.kind} database`,
    async current() {
      const latest = await store.latestListVersion();
      return latest ? (latest.entries as StoredList) : null;
    },
    async versions() {
      return (await store.listVersions()).map(
        (v): ListVersion => ({
          hash: v.content_hash,
          origin: 'imported',
          imported_at: v.imported_at,
          source_date: v.source_date,
          source_files: [],
          format: v.format as ListVersion['format'],
          counts: v.counts,
          total: Object.values(v.counts).reduce((a, b) => a + b, 0),
        }),
      );
    },
    async save(list): Promise<SaveOutcome> {
      const saved = await store.saveListVersion({
        content_hash: list.version.hash,
        source_date: list.version.source_date,
        format: list.version.format,
        counts: list.version.counts,
        entries: list,
      });
      return saved.created ? 'saved' : 'unchanged';
    },
  };
}

/**
 * The list store of a database (the embedded default unless `db` names another), for CLI commands: the CLI and the
 * service then import into, and screen against, the same list versions.
 */
export async function openDatabaseListStore(db: string = defaultDatabase()): Promise<{ lists: ListStore; close: () => Promise<void> }> {
  const store = await openStore(db);
  return { lists: databaseListStore(store), close: () => store.close() };
}
