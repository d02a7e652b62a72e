import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ListEntry } from '../core/screening/index.js';
import type { ListVersion } from './version.js';

export interface StoredList {
  version: ListVersion;
  entries: ListEntry[];
}

export type SaveOutcome = 'saved' | 'unchanged' | 'reactivated';

/**
 * Where imported list versions live. Files for now; the service can put the same interface over SQLite or
 * PostgreSQL. `save` of a version that is already current is a no-op ("unchanged"); of an older version, it makes
 * that version current again ("reactivated").
 */
export interface ListStore {
  readonly location: string;
  current(): Promise<StoredList | null>;
  versions(): Promise<ListVersion[]>;
  save(list: StoredList): Promise<SaveOutcome>;
}

/** `CHIPLAW_HOME`, or `.chiplaw/` in the working directory. */
export function chiplawHome(): string {
  return resolve(process.env.CHIPLAW_HOME || join(process.cwd(), '.chiplaw'));
}

interface Catalog {
  current: string | null;
  versions: ListVersion[];
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/**
 * Layout under `<home>/lists/`: `catalog.json` ({current, versions}) and one `versions/<hash>.json` per version
 * ({version, entries}).
 */
export function fileListStore(home: string = chiplawHome()): ListStore {
  const dir = join(home, 'lists');
  const catalogPath = join(dir, 'catalog.json');
  const versionPath = (hash: string) => join(dir, 'versions', `${hash}.json`);
  const readCatalog = async (): Promise<Catalog> =>
    existsSync(catalogPath) ? (JSON.parse(await readFile(catalogPath, 'utf8')) as Catalog) : { current: null, versions: [] };

  return {
    location: dir,
    async current() {
      const { current } = await readCatalog();
      if (!current) return null;
      return JSON.parse(await readFile(versionPath(current), 'utf8')) as StoredList;
    },
    async versions() {
      return (await readCatalog()).versions;
    },
    async save(list) {
      const catalog = await readCatalog();
      const hash = list.version.hash;
      if (catalog.current === hash) return 'unchanged';
      const known = catalog.versions.some((v) => v.hash === hash);
      await mkdir(join(dir, 'versions'), { recursive: true });
      if (!known) {
        await writeAtomically(versionPath(hash), JSON.stringify(list));
        catalog.versions.push(list.version);
      }
      catalog.current = hash;
      await writeAtomically(catalogPath, `${JSON.stringify(catalog, null, 2)}\n`);
      return known ? 'reactivated' : 'saved';
    },
  };
}
