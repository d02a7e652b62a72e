import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { InputError } from '../core/errors.js';
import type { ApiKeyTable, Database } from './schema.js';
import { ROLES, type ApiKeyIdentity, type ApiKeyInfo, type CreatedApiKey, type Role } from './store.js';
import { optionalText } from './validate.js';

const KEY_PREFIX = 'chl_';
/** The prefix makes a leaked key recognisable (secret scanners, logs); the rest is 32 random bytes. */
const KEY_FORMAT = /^chl_[A-Za-z0-9_-]{43}$/;

/**
 * Keys are stored as their SHA-256. A slow password hash (bcrypt, scrypt) exists to make guessing low-entropy
 * passwords expensive; these keys carry 256 random bits, so no guess is feasible against a fast hash either, and
 * a fast hash lets every request be authenticated with one indexed lookup. A stolen table yields no usable key.
 */
function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

function infoFromRow(row: Selectable<ApiKeyTable>): ApiKeyInfo {
  return { id: row.id, role: row.role as Role, label: row.label, created_at: row.created_at, revoked_at: row.revoked_at };
}

export async function createApiKey(db: Kysely<Database>, role: Role, label?: string): Promise<CreatedApiKey> {
  if (!isRole(role)) throw new InputError(`role must be one of ${ROLES.join(', ')}`, 'role', role);
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const row = {
    id: randomUUID(),
    key_hash: hashKey(key),
    role,
    label: optionalText('label', label, 200),
    created_at: new Date().toISOString(),
    revoked_at: null,
  };
  await db.insertInto('api_key').values(row).execute();
  return { ...infoFromRow(row), key };
}

export async function authenticate(db: Kysely<Database>, key: string): Promise<ApiKeyIdentity | null> {
  if (typeof key !== 'string' || !KEY_FORMAT.test(key)) return null;
  const row = await db
    .selectFrom('api_key')
    .select(['id', 'role', 'label'])
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, role: row.role as Role, label: row.label } : null;
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_key').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(infoFromRow);
}

export async function revokeApiKey(db: Kysely<Database>, id: string): Promise<boolean> {
  if (typeof id !== 'string') return false;
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function hasAnyAdminKey(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('api_key')
    .select('id')
    .where('role', '=', 'admin')
    .where('revoked_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
