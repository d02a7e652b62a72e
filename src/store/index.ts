import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export * from './store.js';
export { ConflictError, NotFoundError, ShipmentRefusedError, type ShipmentRefusal } from './errors.js';
export { canonicalJson } from './canonical-json.js';
export { entryHash, GENESIS_HASH } from './ledger-hash.js';

/**
 * Opens the store `target` names and brings its schema up to date: a `postgres://` or `postgresql://` URL for
 * PostgreSQL, anything else a SQLite file path.
 */
export function openStore(target: string): Promise<Store> {
  return /^postgres(ql)?:\/\//i.test(target) ? openPostgresStore(target) : openSqliteStore(target);
}
