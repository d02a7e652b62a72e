import type { Kysely, Selectable } from 'kysely';
import { InputError } from '../core/errors.js';
import type { Database, ListVersionTable } from './schema.js';
import type { ListVersion, ListVersionInput, ListVersionSummary, SavedListVersion } from './store.js';
import { optionalIsoDate, plainObject, requiredText } from './validate.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

function summaryFromRow(row: Omit<Selectable<ListVersionTable>, 'entries'>): ListVersionSummary {
  return {
    content_hash: row.content_hash,
    imported_at: row.imported_at,
    source_date: row.source_date,
    format: row.format,
    counts: JSON.parse(row.counts) as Record<string, number>,
  };
}

function versionFromRow(row: Selectable<ListVersionTable>): ListVersion {
  return { ...summaryFromRow(row), entries: JSON.parse(row.entries) as unknown };
}

export async function saveListVersion(db: Kysely<Database>, version: ListVersionInput): Promise<SavedListVersion> {
  const v = plainObject('list version', version) as Partial<ListVersionInput>;
  if (typeof v.content_hash !== 'string' || !SHA256_HEX.test(v.content_hash)) {
    throw new InputError('content_hash must be a SHA-256 in lower-case hex', 'content_hash', v.content_hash);
  }
  const counts = plainObject('counts', v.counts);
  for (const [list, count] of Object.entries(counts)) {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new InputError(`counts.${list} must be a whole number of entries`, `counts.${list}`, count);
    }
  }
  // JSON.stringify, not canonicalJson: the entries are not hashed here, and lists run to tens of megabytes.
  const entries = JSON.stringify(v.entries);
  if (entries === undefined) throw new InputError('entries must be JSON data', 'entries');
  const row = {
    content_hash: v.content_hash,
    imported_at: new Date().toISOString(),
    source_date: optionalIsoDate('source_date', v.source_date),
    format: requiredText('format', v.format, 100),
    counts: JSON.stringify(counts),
    entries,
  };
  const result = await db
    .insertInto('list_version')
    .values(row)
    .onConflict((oc) => oc.column('content_hash').doNothing())
    .executeTakeFirst();
  if (result.numInsertedOrUpdatedRows) return { version: summaryFromRow(row), created: true };
  const existing = await db
    .selectFrom('list_version')
    .select(['content_hash', 'imported_at', 'source_date', 'format', 'counts'])
    .where('content_hash', '=', row.content_hash)
    .executeTakeFirstOrThrow();
  return { version: summaryFromRow(existing), created: false };
}

export async function latestListVersion(db: Kysely<Database>): Promise<ListVersion | null> {
  const row = await db
    .selectFrom('list_version')
    .selectAll()
    .orderBy('imported_at', 'desc')
    .orderBy('content_hash', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? versionFromRow(row) : null;
}

export async function getListVersion(db: Kysely<Database>, contentHash: string): Promise<ListVersion | null> {
  if (typeof contentHash !== 'string') return null;
  const row = await db.selectFrom('list_version').selectAll().where('content_hash', '=', contentHash).executeTakeFirst();
  return row ? versionFromRow(row) : null;
}

export async function listVersions(db: Kysely<Database>): Promise<ListVersionSummary[]> {
  const rows = await db
    .selectFrom('list_version')
    .select(['content_hash', 'imported_at', 'source_date', 'format', 'counts'])
    .orderBy('imported_at', 'desc')
    .orderBy('content_hash', 'desc')
    .execute();
  return rows.map(summaryFromRow);
}
