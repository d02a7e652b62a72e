import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli } from './helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'chiplaw-screen-'));
/** Every run gets an empty CHIPLAW_HOME, so a list imported by a developer never changes these results. */
const screen = (args: string[], home = tmp()) => runCli(['screen', ...args], undefined, { CHIPLAW_HOME: home });
const fixture = (name: string) => new URL(`./fixtures/csl/${name}`, import.meta.url).pathname;

describe('chiplaw screen (CLI contract)', () => {
  it('finds Huawei Technologies from 华为技术有限公司, with the alias and the features that matched', () => {
    const r = screen(['华为技术有限公司', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.query, '华为技术有限公司');
    const [top] = out.matches;
    assert.deepEqual(Object.keys(top).sort(), [
      'country', 'entry_id', 'explanation', 'federal_register', 'license_policy', 'license_requirement', 'list', 'matched_alias', 'name', 'score', 'verdict',
    ]);
    assert.equal(top.name, 'Huawei Technologies Co., Ltd. (Huawei)');
    assert.equal(top.matched_alias, 'Huawei Technologies Co., Ltd.');
    assert.equal(top.list, 'EL');
    assert.equal(top.score, 1);
    assert.equal(top.verdict, 'block');
    assert.equal(top.license_policy, 'Presumption of denial');
    assert.ok(top.explanation.includes('query pinyin: 华为 -> huawei'));
    assert.match(out.list_version.hash, /^[0-9a-f]{64}$/);
    assert.equal(out.list_version.origin, 'shipped');
  });

  it('finds Sugon from "Dawning Information Industry Co Ltd"', () => {
    const out = JSON.parse(screen(['Dawning Information Industry Co Ltd', '--json']).stdout);
    const sugon = out.matches.find((m: { name: string }) => m.name === 'Sugon');
    assert.equal(sugon.matched_alias, 'Dawning Information Industry');
    assert.equal(sugon.federal_register, '84 FR 29373; 87 FR 62202');
    assert.match(sugon.license_requirement, /734\.9\(e\)/);
  });

  it('reports nothing for unrelated firms, including ones that share a word', () => {
    for (const name of ['NVIDIA Corporation', 'Cambridge Industries Group', 'Benjamin Moore & Co.', 'Hua Wei Trading Co., Ltd.']) {
      const r = screen([name, '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).matches, [], name);
    }
  });

  it('orders best first, honours --limit, --lists and --country', () => {
    const all = JSON.parse(screen(['Cambricon', '--json', '--limit', '3']).stdout).matches;
    assert.equal(all.length, 3);
    assert.ok(all[0].score >= all[1].score && all[1].score >= all[2].score);
    const cmic = JSON.parse(screen(['Huawei Technologies Co Ltd', '--json', '--lists', 'CMIC']).stdout).matches;
    assert.deepEqual([...new Set(cmic.map((m: { list: string }) => m.list))], ['CMIC']);
    const de = JSON.parse(screen(['Huawei Technologies Co Ltd', '--json', '--country', 'de']).stdout);
    assert.equal(de.country, 'DE');
    assert.ok(de.matches[0].score < 1 && de.matches[0].verdict === 'review');
  });

  it('explains in plain text without --json', () => {
    const r = screen(['Moore Threads']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Screened "Moore Threads" against shipped lists, version [0-9a-f]{12}/);
    assert.match(r.stdout, /BLOCK {2}1\.00 {2}EL {2}Moore Thread Intelligent Technology \(Beijing\) Co\., Ltd\./);
    assert.match(r.stdout, /matched: Moore Threads/);
    assert.match(r.stdout, /review policy: Presumption of denial/);
    assert.match(screen(['Acme Widgets LLC']).stdout, /No match at or above the review threshold 0\.75/);
  });

  const badInputs: [string, string[], RegExp][] = [
    ['an empty name', [''], /name: empty/],
    ['an absurdly long name', ['x'.repeat(600)], /name: 600 characters is too long/],
    ['a name that is only a legal form', ['Co., Ltd.'], /nothing left to match/],
    ['a bad country code', ['Huawei', '--country', 'ZZ'], /--country: "ZZ" is not an ISO 3166-1 alpha-2/],
    ['a bad limit', ['Huawei', '--limit', 'ten'], /--limit: "ten"/],
    ['a zero limit', ['Huawei', '--limit', '0'], /--limit: "0"/],
    ['a bad list code', ['Huawei', '--lists', 'EL,??'], /lists: "\?\?"/],
    ['neither a name nor a file', [], /give either a name or --file/],
    ['both a name and a file', ['Huawei', '--file', 'x.csv'], /give either a name or --file/],
    ['--out without --file', ['Huawei', '--out', 'x.csv'], /--out go with --file/],
    ['a missing file', ['--file', '/nonexistent/parties.csv'], /--file: cannot read \/nonexistent\/parties\.csv \(ENOENT\)/],
  ];
  for (const [what, args, message] of badInputs) {
    it(`exits 2 with one clear line on ${what}`, () => {
      const r = screen(args);
      assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    });
  }
});

describe('chiplaw screen --file (batch)', () => {
  const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

  it('writes one result row per input row, in order, and a broken row never loses the others', () => {
    const dir = tmp();
    const input = join(dir, 'customers.csv');
    writeFileSync(input, [
      'id,customer,country',
      '1,华为技术有限公司,CN',
      '2,NVIDIA Corporation,US',
      '3,only two fields',
      '4,"Sugon",CN,extra field',
      '5,,CN',
      '6,Cambricon,XX',
      '7,"Dawning Information Industry Co Ltd",CN',
      '8,"YMTC",CN',
    ].join('\n'));
    const r = screen(['--file', input, '--column', 'customer']);
    assert.equal(r.code, 0, r.stderr);
    const out = rows(r.stdout);
    assert.deepEqual(out.map((o) => o.row), ['1', '2', '3', '4', '5', '6', '7', '8']);
    assert.deepEqual(out.map((o) => o.verdict), ['block', 'clear', 'error', 'error', 'error', 'error', 'block', 'block']);
    assert.equal(out[0]!.listed_name, 'Huawei Technologies Co., Ltd. (Huawei)');
    assert.equal(out[0]!.license_policy, 'Presumption of denial');
    assert.equal(out[2]!.error, 'row 3 (line 4): expected 3 fields, found 2');
    assert.equal(out[3]!.error, 'row 4 (line 5): expected 3 fields, found 4');
    assert.equal(out[4]!.error, 'row 5 (line 6): name: empty; give the party name to screen');
    assert.match(out[5]!.error!, /^row 6 \(line 7\): country: "XX"/);
    assert.match(out[6]!.other_matches!, /Sugon/);
    assert.match(r.stderr, /screened 8 rows .*: 3 block, 0 review, 1 clear, 4 error/);
  });

  it('reports a row the CSV parser cannot read, and writes to --out', () => {
    const dir = tmp();
    const input = join(dir, 'parties.csv');
    writeFileSync(input, 'name\nMoore Threads\n"unclosed quote\n');
    const r = screen(['--file', input, '--out', join(dir, 'results.csv')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /screened 2 rows .*results in .*results\.csv/);
    const out = rows(readFileSync(join(dir, 'results.csv'), 'utf8'));
    assert.equal(out[0]!.verdict, 'block');
    assert.equal(out[1]!.verdict, 'error');
    assert.match(out[1]!.error!, /^row 2 \(line \d+\): Quote Not Closed/);
  });

  it('refuses a file without the name column, a binary file and an empty file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), 'company,country\nHuawei,CN\n');
    writeFileSync(join(dir, 'b.csv'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]));
    writeFileSync(join(dir, 'c.csv'), '');
    for (const [file, message] of [['a.csv', /--column: no column "name" in the header \(columns: "company", "country"\)/], ['b.csv', /binary file/], ['c.csv', /is empty/]] as const) {
      const r = screen(['--file', join(dir, file)]);
      assert.equal(r.code, 2, `${file}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});

describe('chiplaw lists', () => {
  it('imports a CSL file as a version, is a no-op on the same file, and screening uses it', () => {
    const home = tmp();
    const lists = (args: string[]) => runCli(['lists', ...args], undefined, { CHIPLAW_HOME: home });
    const before = JSON.parse(lists(['status', '--json']).stdout);
    assert.equal(before.current.origin, 'shipped');
    assert.deepEqual(before.stored, []);

    const first = lists(['import', fixture('consolidated-sample.json')]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^imported new version: [0-9a-f]{12} {2}imported /);
    assert.match(first.stdout, /CMIC 1, EL 5, SDN 1, UVL 1 \(8 entries\)/);
    const again = JSON.parse(lists(['import', fixture('consolidated-sample.json'), '--json']).stdout);
    assert.equal(again.outcome, 'unchanged');

    const status = JSON.parse(lists(['status', '--json']).stdout);
    assert.equal(status.current.origin, 'imported');
    assert.equal(status.current.hash, again.version.hash);
    assert.equal(status.stored.length, 1);
    assert.match(lists(['status']).stdout, /^in use: [0-9a-f]{12} {2}imported/);

    const screened = JSON.parse(screen(['Sunway Tech Co Ltd', '--json'], home).stdout);
    assert.equal(screened.list_version.hash, status.current.hash);
    assert.deepEqual(screened.matches.map((m: { list: string }) => m.list), ['SDN']);
  });

  it('exits 2 on a bad import', () => {
    const home = tmp();
    writeFileSync(join(home, 'x.csv'), 'name,country\nHuawei,CN\n');
    const cases: [string[], RegExp][] = [
      [['import', join(home, 'x.csv')], /not a CSL CSV file, missing columns/],
      [['import', fixture('consolidated-sample.json'), '--format', 'xml'], /--format: "xml" is not one of csl-csv, csl-json/],
      [['import', fixture('consolidated-sample.csv'), '--format', 'csl-json'], /malformed JSON/],
      [['import', join(home, 'missing.csv')], /cannot read/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['lists', ...args], undefined, { CHIPLAW_HOME: home });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});
