import type { Command } from 'commander';
import type { ListVersion } from '../../lists/index.js';
import { printJson } from '../io.js';

const counts = (v: ListVersion) => `${Object.entries(v.counts).map(([list, n]) => `${list} ${n}`).join(', ')} (${v.total} entries)`;

function describe(v: ListVersion): string {
  const when = v.origin === 'imported' ? `imported ${v.imported_at}` : 'shipped with chiplaw';
  return `${v.hash.slice(0, 12)}  ${when}; content to ${v.source_date ?? 'unknown'}; ${v.format} ${v.source_files.join(', ')}\n    ${counts(v)}`;
}

export function registerLists(program: Command): void {
  const lists = program.command('lists').description('import and inspect the restricted-party lists used for screening');

  lists
    .command('import')
    .description('import a Consolidated Screening List file as a new list version (an unchanged file is a no-op)')
    .argument('<file>', 'the CSL bulk file (consolidated.csv or consolidated.json)')
    .option('--format <format>', 'csl-csv or csl-json (default: from the file extension)')
    .option('--source-date <date>', 'date of the list content YYYY-MM-DD (default: the newest listing date in it)')
    .option('--db <path|url>', 'database holding list versions: SQLite file or postgres:// URL (default .chiplaw/chiplaw.sqlite)')
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: { format?: string; sourceDate?: string; db?: string; json?: boolean }) => {
      const { importListFile } = await import('../../lists/index.js');
      const { openDatabaseListStore } = await import('../../service/list-store.js');
      const { lists: store, close } = await openDatabaseListStore(opts.db);
      const result = await importListFile(file, {
        store,
        ...(opts.format !== undefined ? { format: opts.format } : {}),
        ...(opts.sourceDate !== undefined ? { sourceDate: opts.sourceDate } : {}),
      }).finally(close);
      if (opts.json) {
        printJson(result);
        return;
      }
      const what = { saved: 'imported new version', unchanged: 'unchanged, already the current version', reactivated: 'known version made current again' }[result.outcome];
      console.log(`${what}: ${describe(result.version)}`);
      if (result.encoding !== 'utf-8') console.log(`note: ${file} is not UTF-8 and was read as ${result.encoding}`);
      console.log(`store: ${result.store}`);
    });

  lists
    .command('status')
    .description('show which list version screening uses and the versions stored')
    .option('--db <path|url>', 'database holding list versions: SQLite file or postgres:// URL (default .chiplaw/chiplaw.sqlite)')
    .option('--json', 'print one JSON object')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { loadDefaultLists } = await import('../../lists/index.js');
      const { openDatabaseListStore } = await import('../../service/list-store.js');
      const { lists: store, close } = await openDatabaseListStore(opts.db);
      const [current, versions] = await Promise.all([loadDefaultLists({ store }), store.versions()]).finally(close);
      if (opts.json) {
        printJson({ current: current.version, stored: versions, store: store.location });
        return;
      }
      console.log(`in use: ${describe(current.version)}`);
      if (current.version.origin === 'shipped') console.log('(nothing imported; "chiplaw lists import consolidated.csv" loads the full CSL)');
      console.log(`stored versions in ${store.location}: ${versions.length}`);
      for (const v of versions) console.log(`  ${describe(v)}`);
    });
}
