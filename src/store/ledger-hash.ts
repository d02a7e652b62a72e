import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { LedgerEntry } from './store.js';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every field of an entry but `hash`, in the order canonical JSON writes them (sorted by UTF-16 code units). */
const HASHED_FIELDS = (
  [
    'seq',
    'id',
    'created_at',
    'kind',
    'caller',
    'idempotency_key',
    'ruleset_hash',
    'list_versions',
    'input',
    'output',
    'verdict',
    'chip',
    'parties',
    'on_date',
    'obligations',
    'prev_hash',
  ] as const satisfies readonly (keyof Omit<LedgerEntry, 'hash'>)[]
).toSorted();

export type HashedField = (typeof HASHED_FIELDS)[number];

/** An entry's hashed fields, each already written as canonical JSON. */
export type CanonicalEntryFields = Record<HashedField, string>;

/**
 * The hash of an entry whose fields are already canonical JSON: the same bytes `canonicalJson` writes for the
 * whole entry, put together without walking the (large) input and output again.
 */
export function hashOfCanonicalFields(fields: CanonicalEntryFields): string {
  const hash = createHash('sha256');
  // Short pieces are joined and hashed together; a long value (the input, the output) is hashed as it is, which
  // spares copying it into a joined string first.
  let pending = '{';
  HASHED_FIELDS.forEach((name, i) => {
    pending += `${i > 0 ? ',' : ''}"${name}":`;
    const value = fields[name];
    if (value.length < LONG_VALUE) {
      pending += value;
    } else {
      hash.update(pending, 'utf8').update(value, 'utf8');
      pending = '';
    }
  });
  return hash.update(`${pending}}`, 'utf8').digest('hex');
}

/** Length from which a field's canonical JSON is hashed on its own rather than joined to its neighbours. */
const LONG_VALUE = 512;

/**
 * An entry's hash: SHA-256, in lower-case hex, of the canonical JSON (`canonicalJson`) of every field of the entry
 * except `hash` itself — seq, id, created_at, kind, caller, idempotency_key, ruleset_hash, list_versions, input,
 * output, verdict, chip, parties, on_date, obligations and prev_hash. Absent optional values are `null` (parties
 * `[]`, obligations `[]`), never left out, so an entry has one hash however it was read back. Fields of `entry`
 * beyond these (its stored hash, say) are ignored.
 */
export function entryHash(entry: Omit<LedgerEntry, 'hash'>): string {
  const fields = {} as CanonicalEntryFields;
  for (const name of HASHED_FIELDS) fields[name] = canonicalJson(entry[name], name);
  return hashOfCanonicalFields(fields);
}
