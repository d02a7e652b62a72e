import type { FastifyRequest } from 'fastify';
import type { ApiKeyIdentity, Role, Store } from '../store/index.js';
import { HttpProblem } from './problems.js';

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

declare module 'fastify' {
  interface FastifyRequest {
    identity: ApiKeyIdentity | null;
  }
}

/** Reads `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

export async function identify(req: FastifyRequest, store: Store): Promise<ApiKeyIdentity | null> {
  const key = presentedKey(req);
  return key ? store.authenticate(key) : null;
}

/** 401 without a valid key, 403 when the key's role is below `role`. */
export function requireRole(req: FastifyRequest, role: Role): ApiKeyIdentity {
  if (!req.identity) throw new HttpProblem(401, 'Unauthorized', 'a valid API key is required (Authorization: Bearer <key>)', 'authorization');
  if (RANK[req.identity.role] < RANK[role]) {
    throw new HttpProblem(403, 'Forbidden', `this needs the ${role} role; the key presented has ${req.identity.role}`, 'authorization');
  }
  return req.identity;
}

export function callerOf(identity: ApiKeyIdentity): string {
  return `key:${identity.id}`;
}
