import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { ISO_ALPHA2 } from '../../core/screening/countries.js';
import type { ScreeningMatch, ScreeningQuery } from '../../core/screening/index.js';
import { MAX_LIMIT } from '../../core/screening/screener.js';
import type { VersionedScreener } from '../../lists/index.js';
import { assertTextFile } from '../../lists/read-text.js';

/** The screener over the list version the database holds (the same one the service uses). */
async function loadScreener(): Promise<VersionedScreener> {
  const { loadDefaultScreener } = await import('../../lists/index.js');
  const { openDatabaseListStore } = await import('../../service/list-store.js');
  const { lists, close } = await openDatabaseListStore();
  return loadDefaultScreener({ store: lists }).finally(close);
}
import { printJson } from '../io.js';

interface ScreenOptions {
  country?: string;
  lists?: string;
  limit?: string;
  json?: boolean;
  file?: string;
  column?: string;
  countryColumn?: string;
  out?: string;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw new InputError(`--limit: "${value}" is not a whole number from 1 to ${MAX_LIMIT}`, '--limit', value);
  return n;
}

function parseCountry(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cc = value.trim().toUpperCase();
  if (!ISO_ALPHA2.has(cc)) throw new InputError(`--country: "${value}" is not an ISO 3166-1 alpha-2 country code`, '--country', value);
  return cc;
}

const parseLists = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

function versionLabel(s: VersionedScreener): string {
  const v = s.version;
  return `${v.origin} lists, version ${v.hash.slice(0, 12)}${v.source_date ? `, content to ${v.source_date}` : ''}, ${v.total} entries`;
}

function formatMatch(m: ScreeningMatch): string {
  const lines = [`${m.verdict.toUpperCase().padEnd(6)} ${m.score.toFixed(2)}  ${m.list}  ${m.name}`];
  lines.push(`       matched: ${m.matched_alias}`);
  const where = [m.country, m.federal_register].filter(Boolean).join('; ');
  if (where) lines.push(`       ${where}`);
  if (m.license_requirement) lines.push(`       licence requirement: ${m.license_requirement}`);
  if (m.license_policy) lines.push(`       review policy: ${m.license_policy}`);
  for (const e of m.explanation) lines.push(`       - ${e}`);
  return lines.join('\n');
}

async function screenOne(name: string, opts: ScreenOptions): Promise<void> {
  const country = parseCountry(opts.country);
  const limit = parseLimit(opts.limit);
  const lists = parseLists(opts.lists);
  const screener = await loadScreener();
  const query: ScreeningQuery = { name, ...(country ? { country } : {}), ...(lists ? { lists } : {}) };
  const matches = screener.screen(query, limit === undefined ? {} : { limit });
  if (opts.json) {
    printJson({
      query: name,
      country: country ?? null,
      lists: lists ?? null,
      list_version: { hash: screener.version.hash, origin: screener.version.origin, source_date: screener.version.source_date },
      thresholds: screener.thresholds,
      matches,
    });
    return;
  }
  console.log(`Screened "${name}" against ${versionLabel(screener)}.`);
  if (matches.length === 0) console.log(`No match at or above the review threshold ${screener.thresholds.review}.`);
  for (const m of matches) console.log(formatMatch(m));
}

/** Columns of the result file: the input row, the verdict, and the best match with its legal consequences. */
const RESULT_COLUMNS = [
  'row', 'name', 'country', 'verdict', 'score', 'list', 'listed_name', 'matched_alias', 'entry_id', 'federal_register',
  'license_requirement', 'license_policy', 'other_matches', 'explanation', 'error',
] as const;

type ResultRow = Record<(typeof RESULT_COLUMNS)[number], string | number>;

function resultRow(row: number, name: string, country: string, matches: ScreeningMatch[] | null, error = ''): ResultRow {
  const top = matches?.[0];
  return {
    row, name, country,
    verdict: error ? 'error' : top ? top.verdict : 'clear',
    score: top ? top.score : '',
    list: top?.list ?? '',
    listed_name: top?.name ?? '',
    matched_alias: top?.matched_alias ?? '',
    entry_id: top?.entry_id ?? '',
    federal_register: top?.federal_register ?? '',
    license_requirement: top?.license_requirement ?? '',
    license_policy: top?.license_policy ?? '',
    other_matches: matches && matches.length > 1 ? matches.slice(1).map((m) => `${m.list}: ${m.name} (${m.score})`).join(' | ') : '',
    explanation: top ? top.explanation.join('; ') : '',
    error,
  };
}

function findColumn(header: string[], wanted: string, option: string): number {
  const i = header.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (i < 0) {
    throw new InputError(`${option}: no column "${wanted}" in the header (columns: ${header.map((h) => `"${h}"`).join(', ')})`, option, wanted);
  }
  return i;
}

interface Skipped {
  line: number;
  message: string;
}

/**
 * Screens every row of a CSV file, streaming: rows are read, screened and written one at a time, so a file of any
 * size runs in constant memory. A row that cannot be parsed or screened becomes an "error" row naming the row and
 * line; it never stops the others.
 */
async function screenFile(file: string, opts: ScreenOptions): Promise<void> {
  const defaultCountry = parseCountry(opts.country);
  const limit = parseLimit(opts.limit);
  const lists = parseLists(opts.lists);
  assertTextFile(file, '--file');
  const { parse } = await import('csv-parse');
  const { stringify } = await import('csv-stringify');
  const screener = await loadScreener();

  const skipped: Skipped[] = [];
  const input = createReadStream(file);
  const parser = input.pipe(parse({
    bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true, skip_empty_lines: true,
    on_skip: (err) => {
      if (err) skipped.push({ line: Number(err.lines), message: err.message });
    },
  }));

  const progress = process.stderr.isTTY === true ? await import('cli-progress') : undefined;
  const bar = progress
    ? new progress.SingleBar({ stream: process.stderr, format: 'screening [{bar}] {percentage}% | {rows} rows', hideCursor: true }, progress.Presets.shades_classic)
    : undefined;
  bar?.start(statSync(file).size, 0, { rows: 0 });

  const output = opts.out ? createWriteStream(opts.out) : process.stdout;
  const stringifier = stringify({ header: true, columns: [...RESULT_COLUMNS] });
  let header: string[] | undefined;
  let nameIndex = 0;
  let countryIndex = -1;
  let row = 0;
  const tally = { block: 0, review: 0, clear: 0, error: 0 };

  const write = async (r: ResultRow) => {
    tally[r.verdict as keyof typeof tally]++;
    if (!stringifier.write(r)) await once(stringifier, 'drain');
  };
  const flushSkipped = async (beforeLine: number) => {
    while (skipped.length > 0 && skipped[0]!.line < beforeLine) {
      const s = skipped.shift()!;
      row++;
      await write(resultRow(row, '', '', null, `row ${row} (line ${s.line}): ${s.message}`));
    }
  };

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = record;
      nameIndex = findColumn(header, opts.column ?? 'name', '--column');
      countryIndex = opts.countryColumn !== undefined
        ? findColumn(header, opts.countryColumn, '--country-column')
        : header.findIndex((h) => h.trim().toLowerCase() === 'country');
      stringifier.pipe(output);
      continue;
    }
    await flushSkipped(info.lines);
    row++;
    const name = record[nameIndex] ?? '';
    const country = countryIndex >= 0 ? (record[countryIndex] ?? '').trim() : (defaultCountry ?? '');
    if (record.length !== header.length) {
      await write(resultRow(row, name, country, null, `row ${row} (line ${info.lines}): expected ${header.length} fields, found ${record.length}`));
    } else {
      try {
        const matches = screener.screen(
          { name, ...(country ? { country } : {}), ...(lists ? { lists } : {}) },
          limit === undefined ? {} : { limit },
        );
        await write(resultRow(row, name, country, matches));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        await write(resultRow(row, name, country, null, `row ${row} (line ${info.lines}): ${e.message}`));
      }
    }
    bar?.update(input.bytesRead, { rows: row });
  }
  if (!header) throw new InputError(`--file: ${file} is empty (a header row with a "${opts.column ?? 'name'}" column is needed)`, '--file', file);
  await flushSkipped(Number.POSITIVE_INFINITY);
  bar?.update(statSync(file).size, { rows: row });
  bar?.stop();
  stringifier.end();
  await finished(stringifier);
  if (opts.out) {
    output.end();
    await finished(output);
  }
  const summary = `screened ${row} rows against ${versionLabel(screener)}: ${tally.block} block, ${tally.review} review, ${tally.clear} clear, ${tally.error} error`;
  if (opts.out) console.log(`${summary}; results in ${opts.out}`);
  else process.stderr.write(`chiplaw: ${summary}\n`);
}

export function registerScreen(program: Command): void {
  program
    .command('screen')
    .description('screen a party name, or every row of a CSV file, against the restricted-party lists')
    .argument('[name]', 'the party name, in Latin or Chinese script')
    .option('--country <CC>', 'ISO 3166-1 alpha-2 country of the party (a different listed country lowers the score)')
    .option('--lists <codes>', 'comma-separated list codes, e.g. EL,MEU (default: all loaded lists)')
    .option('--limit <n>', 'at most n matches (default 10)')
    .option('--json', 'print one JSON object')
    .option('--file <csv>', 'screen every row of a CSV file with a header row')
    .option('--column <name>', 'with --file: the column holding the names (default "name")')
    .option('--country-column <name>', 'with --file: the column holding the country (default "country" if present)')
    .option('--out <file>', 'with --file: write the results CSV here instead of standard output')
    .action(async (name: string | undefined, opts: ScreenOptions) => {
      if ((name === undefined) === (opts.file === undefined)) {
        throw new InputError('screen: give either a name or --file <csv>, not both or neither', 'name');
      }
      if (opts.file === undefined && (opts.column !== undefined || opts.out !== undefined || opts.countryColumn !== undefined)) {
        throw new InputError('screen: --column, --country-column and --out go with --file', 'name');
      }
      if (opts.file !== undefined) await screenFile(opts.file, opts);
      else await screenOne(name!, opts);
    });
}
