/**
 * Screening quality on the labelled evaluation set (test/fixtures/screening-eval/cases.csv): precision, recall and
 * F1 at the default thresholds, overall and per category, for chiplaw's matcher and for a fuse.js baseline over
 * the same names and aliases. Run: npm run screening:quality
 *
 * Counting, per case: a positive case (the query is a listed party) is a true positive when an expected entry is
 * reported at or above the review threshold; when only other entries are reported it is a false positive *and* a
 * false negative (the wrong party flagged); with nothing reported, a false negative. A negative case (an unlisted
 * party) is a false positive when anything is reported, else a true negative.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import Fuse from 'fuse.js';
import type { ListEntry } from '../src/core/screening/index.js';
import { loadDefaultScreener, shippedLists } from '../src/lists/index.js';

export interface EvalCase {
  category: string;
  query: string;
  country?: string;
  /** "LIST:Name" keys of the acceptable entries; empty for a negative case. */
  expected: string[];
  note: string;
}

export const CASES_FILE = fileURLToPath(new URL('../test/fixtures/screening-eval/cases.csv', import.meta.url));

export function loadCases(file = CASES_FILE): EvalCase[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => ({
    category: r.category!,
    query: r.query!,
    ...(r.country ? { country: r.country } : {}),
    expected: (r.expected ?? '').split('|').map((k) => k.replace(/\s+/g, ' ').trim()).filter(Boolean),
    note: r.note ?? '',
  }));
}

export const entryKey = (e: Pick<ListEntry, 'list' | 'name'>) => `${e.list}:${e.name.replace(/\s+/g, ' ').trim()}`;

/** What a matcher reported for a case: the keys of the entries it flagged. */
export type Matcher = (c: EvalCase) => string[];

export interface Counts {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Figures extends Counts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Outcome {
  c: EvalCase;
  reported: string[];
  verdict: 'tp' | 'fn' | 'wrong' | 'fp' | 'tn';
}

export function judge(c: EvalCase, reported: string[]): Outcome['verdict'] {
  if (c.expected.length === 0) return reported.length > 0 ? 'fp' : 'tn';
  if (reported.some((k) => c.expected.includes(k))) return 'tp';
  return reported.length > 0 ? 'wrong' : 'fn';
}

export function figures(outcomes: readonly Outcome[]): Figures {
  const k: Counts = { n: outcomes.length, tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const o of outcomes) {
    if (o.verdict === 'tp') k.tp++;
    else if (o.verdict === 'fn') k.fn++;
    else if (o.verdict === 'tn') k.tn++;
    else if (o.verdict === 'fp') k.fp++;
    else {
      k.fp++;
      k.fn++;
    }
  }
  // A category of unlisted parties has no true positives to be precise about: its figure is the FP column.
  const precision = k.tp + k.fn > 0 && k.tp + k.fp > 0 ? k.tp / (k.tp + k.fp) : null;
  const recall = k.tp + k.fn > 0 ? k.tp / (k.tp + k.fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { ...k, precision, recall, f1 };
}

export function run(cases: readonly EvalCase[], matcher: Matcher): Outcome[] {
  return cases.map((c) => {
    const reported = matcher(c);
    return { c, reported, verdict: judge(c, reported) };
  });
}

export function byCategory(outcomes: readonly Outcome[]): Map<string, Figures> {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(o.c.category, [...(groups.get(o.c.category) ?? []), o]);
  return new Map([...groups].map(([k, v]) => [k, figures(v)]));
}

/** chiplaw's matcher at its default thresholds; `minScore` picks review (alert) or block. */
export async function chiplawMatcher(level: 'review' | 'block' = 'review'): Promise<Matcher> {
  const screener = await loadDefaultScreener();
  return (c) =>
    screener
      .screen({ name: c.query, ...(c.country ? { country: c.country } : {}) }, { limit: 10 })
      .filter((m) => level === 'review' || m.verdict === 'block')
      .map((m) => entryKey(m));
}

/**
 * Baseline: fuse.js (Bitap fuzzy search) over each entry's name and aliases, location ignored so a match anywhere
 * in a long name counts. `threshold` is Fuse's own cut-off (0 exact .. 1 anything); 0.6 is its default.
 */
export function fuseMatcher(entries: readonly ListEntry[], threshold = 0.6): Matcher {
  const fuse = new Fuse(
    entries.map((e) => ({ key: entryKey(e), names: [e.name, ...e.aliases] })),
    { keys: ['names'], includeScore: true, ignoreLocation: true, threshold },
  );
  return (c) => fuse.search(c.query, { limit: 10 }).map((r) => r.item.key);
}

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function table(title: string, rows: [string, Figures][]): string {
  const lines = [title, `  ${'category'.padEnd(22)} ${'n'.padStart(4)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'TN'.padStart(4)}  precision  recall     F1`];
  for (const [name, f] of rows) {
    lines.push(`  ${name.padEnd(22)} ${String(f.n).padStart(4)} ${String(f.tp).padStart(4)} ${String(f.fp).padStart(4)} ${String(f.fn).padStart(4)} ${String(f.tn).padStart(4)}  ${pct(f.precision)}    ${pct(f.recall)}  ${pct(f.f1)}`);
  }
  return lines.join('\n');
}

function report(title: string, outcomes: readonly Outcome[]): string {
  return table(title, [['ALL', figures(outcomes)], ...[...byCategory(outcomes)].sort(([a], [b]) => a.localeCompare(b))]);
}

async function main(): Promise<void> {
  const cases = loadCases();
  const { entries, version } = shippedLists();
  const positives = cases.filter((c) => c.expected.length > 0).length;
  console.log(`evaluation set: ${cases.length} cases (${positives} positive, ${cases.length - positives} negative); lists: ${version.total} shipped entries (${Object.entries(version.counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);

  const ours = run(cases, await chiplawMatcher('review'));
  const screener = await loadDefaultScreener();
  console.log(`\n${report(`chiplaw, alert = any match >= review ${screener.thresholds.review} (block ${screener.thresholds.block})`, ours)}`);
  const block = figures(run(cases, await chiplawMatcher('block')));
  console.log(`  at the block threshold alone: precision ${pct(block.precision)}, recall ${pct(block.recall)}, F1 ${pct(block.f1)}`);

  const fuseDefault = run(cases, fuseMatcher(entries));
  console.log(`\n${report('fuse.js baseline, default threshold 0.6, ignoreLocation', fuseDefault)}`);
  let bestT = 0;
  let bestF: Figures | null = null;
  for (let t = 0.05; t <= 0.6001; t += 0.05) {
    const f = figures(run(cases, fuseMatcher(entries, t)));
    if (!bestF || (f.f1 ?? 0) > (bestF.f1 ?? 0)) [bestT, bestF] = [t, f];
  }
  console.log(`\n${report(`fuse.js baseline, threshold ${bestT.toFixed(2)} (the best F1 on this very set: an optimistic baseline)`, run(cases, fuseMatcher(entries, bestT)))}`);

  const misses = ours.filter((o) => o.verdict !== 'tp' && o.verdict !== 'tn');
  if (misses.length > 0) {
    console.log(`\nchiplaw errors (${misses.length}):`);
    for (const o of misses) console.log(`  ${o.verdict.padEnd(5)} [${o.c.category}] ${o.c.query}${o.c.country ? ` (${o.c.country})` : ''} -> ${o.reported.join(' | ') || 'nothing'}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
