import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** A database for one test: what `openStore` takes, and a way around the store to inspect or tamper with it. */
export interface StoreTarget {
  target: string;
  /** Runs one SQL statement directly on the database; returns the rows of a query. */
  query(statement: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export type StoreTargetFactory = () => Promise<StoreTarget>;

/** A fresh SQLite file in its own temporary directory. */
export const sqliteTarget: StoreTargetFactory = () => {
  const dir = mkdtempSync(join(tmpdir(), 'chiplaw-store-'));
  const file = join(dir, 'chiplaw.sqlite');
  return Promise.resolve({
    target: file,
    query: (statement) => {
      const db = new SqliteDatabase(file);
      try {
        const stmt = db.prepare(statement);
        if (stmt.reader) return Promise.resolve(stmt.all() as Record<string, unknown>[]);
        stmt.run();
        return Promise.resolve([]);
      } finally {
        db.close();
      }
    },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
};

/** The server and database the PostgreSQL tests use (trust auth); each test gets its own schema in it. */
export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Returns a factory of fresh schemas (a schema is created and dropped far faster than a database), named after
 * this process so that parallel runs never share one, and a function that closes the admin connection.
 * The target URL puts the schema first on the search_path, which is where the store creates its tables.
 */
export function postgresTargets(): { newTarget: StoreTargetFactory; closeAdmin: () => Promise<void> } {
  const admin = new pg.Pool({ connectionString: POSTGRES_ADMIN_URL, max: 2 });
  let created = 0;
  const newTarget: StoreTargetFactory = async () => {
    const schema = `chiplaw_test_${process.pid}_${Date.now()}_${++created}`;
    await admin.query(`create schema ${schema}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      target: url.toString(),
      query: async (statement) => {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        try {
          return (await client.query(statement)).rows as Record<string, unknown>[];
        } finally {
          await client.end();
        }
      },
      dispose: async () => {
        await admin.query(`drop schema if exists ${schema} cascade`);
      },
    };
  };
  return { newTarget, closeAdmin: () => admin.end() };
}
