import { extname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { createScreener, type ListEntry, type Screener, type Thresholds } from '../core/screening/index.js';
import { defaultDataDir } from '../load/dataset.js';
import { parseCslCsv } from './csl-csv/import.js';
import { isoDateOrNull } from './csl-record.js';
import { readTextFile } from './read-text.js';
import { fileListStore, type ListStore, type SaveOutcome } from './store.js';
import { loadPinyinTransliterate } from './transliterate.js';
import { describeVersion, type ListFormat, type ListVersion } from './version.js';

export type { ListFormat, ListVersion } from './version.js';
export type { ListStore, SaveOutcome } from './store.js';
export { chiplawHome, fileListStore } from './store.js';

/** The lists shipped in data/lists/ (real CSL rows; see data/lists/README.md), screened when nothing was imported. */
const SHIPPED_LIST_FILES = ['csl/entity_list_sample.csv', 'csl/csl_other_lists_sample.csv'] as const;

export interface LoadOptions {
  /** Where imported versions are stored (default: the file store under CHIPLAW_HOME). */
  store?: ListStore;
  /** The data directory holding lists/ (default: the package's data/). */
  dataDir?: string;
}

export interface LoadedLists {
  entries: ListEntry[];
  version: ListVersion;
}

export function shippedLists(dataDir: string = defaultDataDir()): LoadedLists {
  const files = SHIPPED_LIST_FILES.map((f) => join(dataDir, 'lists', f));
  const entries = files.flatMap((f) => parseCslCsv(readTextFile(f, 'shipped list').text, f));
  return { entries, version: describeVersion(entries, { origin: 'shipped', imported_at: null, source_files: [...SHIPPED_LIST_FILES], format: 'csl-csv' }) };
}

/** The newest imported version if one was imported, else the shipped lists. */
export async function loadDefaultLists(options: LoadOptions = {}): Promise<LoadedLists> {
  const stored = await (options.store ?? fileListStore()).current();
  return stored ?? shippedLists(options.dataDir);
}

/** Which list version screening uses now: decisions record its hash. */
export async function listVersionInfo(options: LoadOptions = {}): Promise<ListVersion> {
  return (await loadDefaultLists(options)).version;
}

/** A screener that also says which list version it screens against. */
export interface VersionedScreener extends Screener {
  readonly version: ListVersion;
}

/** The default lists with pinyin-pro injected for names written in Chinese. */
export async function loadDefaultScreener(options: LoadOptions & { thresholds?: Thresholds } = {}): Promise<VersionedScreener> {
  const [lists, transliterate] = await Promise.all([loadDefaultLists(options), loadPinyinTransliterate()]);
  const screener = createScreener(lists.entries, { transliterate, ...(options.thresholds ? { thresholds: options.thresholds } : {}) });
  return {
    version: lists.version,
    size: screener.size,
    thresholds: screener.thresholds,
    screen: (q, opts) => screener.screen(q, opts),
  };
}

const LIST_FORMATS: readonly ListFormat[] = ['csl-csv', 'csl-json'];

function formatOf(path: string, given?: string): ListFormat {
  if (given !== undefined) {
    if (!(LIST_FORMATS as readonly string[]).includes(given)) {
      throw new InputError(`--format: "${given}" is not one of ${LIST_FORMATS.join(', ')}`, '--format', given);
    }
    return given as ListFormat;
  }
  return extname(path).toLowerCase() === '.json' ? 'csl-json' : 'csl-csv';
}

export interface ImportResult {
  outcome: SaveOutcome;
  version: ListVersion;
  store: string;
  /** Set when the file was not UTF-8 and was read as Windows-1252. */
  encoding: 'utf-8' | 'windows-1252';
}

/**
 * Imports a CSL file as a new list version. The version is identified by its content hash, so importing an
 * unchanged file again is a no-op.
 */
export async function importListFile(
  path: string,
  options: { format?: string; sourceDate?: string; store?: ListStore; now?: Date } = {},
): Promise<ImportResult> {
  const format = formatOf(path, options.format);
  let sourceDate: string | null = null;
  if (options.sourceDate !== undefined) {
    sourceDate = isoDateOrNull(options.sourceDate);
    if (!sourceDate) throw new InputError(`--source-date: "${options.sourceDate}" is not a real date in YYYY-MM-DD form`, '--source-date', options.sourceDate);
  }
  const { text, encoding } = readTextFile(path, 'file');
  // The JSON reader validates with zod, which costs more to load than the CSV path needs.
  const entries = format === 'csl-json' ? (await import('./csl-json/import.js')).parseCslJson(text, path) : parseCslCsv(text, path);
  const store = options.store ?? fileListStore();
  const version = describeVersion(entries, {
    origin: 'imported',
    imported_at: (options.now ?? new Date()).toISOString(),
    source_files: [path],
    format,
    ...(sourceDate ? { source_date: sourceDate } : {}),
  });
  const outcome = await store.save({ version, entries });
  const current = outcome === 'saved' ? version : ((await store.current())?.version ?? version);
  return { outcome, version: current, store: store.location, encoding };
}
