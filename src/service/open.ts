import { loadDataset } from '../load/dataset.js';
import { loadDefaultLists, type ListFormat } from '../lists/index.js';
import { describeVersion } from '../lists/version.js';
import { loadPinyinTransliterate } from '../lists/transliterate.js';
import { openStore } from '../store/index.js';
import { ChiplawService } from './chiplaw.js';
import { databaseListStore } from './list-store.js';
import { partyScreening } from './parties.js';
import { defaultDatabase } from './paths.js';

export interface OpenService {
  service: ChiplawService;
  /** Imports CSL text as a new list version and switches screening to it. */
  importList(content: string, format: ListFormat, sourceDate: string | null): Promise<{ outcome: string; version: unknown }>;
  close(): Promise<void>;
}

/** Loads the data, opens (and migrates) the store and builds party screening over the newest list version. */
export async function openService(db: string = defaultDatabase(), dataDir?: string): Promise<OpenService> {
  const [data, store, transliterate] = await Promise.all([loadDataset(dataDir), openStore(db), loadPinyinTransliterate()]);
  const lists = databaseListStore(store);
  const current = await loadDefaultLists({ store: lists, ...(dataDir ? { dataDir } : {}) });
  const service = new ChiplawService(data, partyScreening(current.entries, current.version, transliterate, data.listingRules), store);
  return {
    service,
    async importList(content, format, sourceDate) {
      const { parseCslCsv } = await import('../lists/csl-csv/import.js');
      const { parseCslJson } = await import('../lists/csl-json/import.js');
      const entries = format === 'csl-json' ? parseCslJson(content, 'content') : parseCslCsv(content, 'content');
      const version = describeVersion(entries, {
        origin: 'imported',
        imported_at: new Date().toISOString(),
        source_files: ['API upload'],
        format,
        ...(sourceDate ? { source_date: sourceDate } : {}),
      });
      const outcome = await lists.save({ version, entries });
      const now = await loadDefaultLists({ store: lists });
      service.parties = partyScreening(now.entries, now.version, transliterate, data.listingRules);
      return { outcome, version: now.version };
    },
    close: () => store.close(),
  };
}
