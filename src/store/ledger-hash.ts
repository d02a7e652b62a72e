import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { LedgerEntry } from './store.js';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An entry's hash: SHA-256, in lower-case hex, of the canonical JSON (`canonicalJson`) of every field of the entry
 * except `hash` itself — seq, id, created_at, kind, caller, idempotency_key, ruleset_hash, list_versions, input,
 * output, verdict, chip, parties, on_date, obligations and prev_hash. Absent optional values are `null` (parties
 * `[]`, obligations `[]`), never left out, so an entry has one hash however it was read back.
 */
export function entryHash(entry: Omit<LedgerEntry, 'hash'>): string {
  // Copied field by field so that an object carrying more (its stored hash, say) hashes the same.
  const content: Omit<LedgerEntry, 'hash'> = {
    seq: entry.seq,
    id: entry.id,
    created_at: entry.created_at,
    kind: entry.kind,
    caller: entry.caller,
    idempotency_key: entry.idempotency_key,
    ruleset_hash: entry.ruleset_hash,
    list_versions: entry.list_versions,
    input: entry.input,
    output: entry.output,
    verdict: entry.verdict,
    chip: entry.chip,
    parties: entry.parties,
    on_date: entry.on_date,
    obligations: entry.obligations,
    prev_hash: entry.prev_hash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
