import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../dist/api/app.js';
import { openService, type OpenService } from '../../dist/service/open.js';

export interface TestApi {
  app: FastifyInstance;
  opened: OpenService;
  admin: string;
  analyst: string;
  viewer: string;
  signInToken: string;
  close(): Promise<void>;
}

/** A real app over a real SQLite file (or the given database), with one key per role. */
export async function startTestApi(db = join(mkdtempSync(join(tmpdir(), 'chiplaw-api-')), 'chiplaw.sqlite')): Promise<TestApi> {
  const opened = await openService(db);
  const signInToken = 'test-sign-in-token';
  const app = await buildApp({ service: opened.service, screen: (q) => opened.service.parties.screen(q), importList: opened.importList, signInToken });
  const [admin, analyst, viewer] = await Promise.all(
    (['admin', 'analyst', 'viewer'] as const).map(async (role) => (await opened.service.store.createApiKey(role, `test ${role}`)).key),
  );
  return {
    app,
    opened,
    admin: admin!,
    analyst: analyst!,
    viewer: viewer!,
    signInToken,
    async close() {
      await app.close();
      await opened.close();
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
