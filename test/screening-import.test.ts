import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../src/core/errors.js';
import { parseCslCsv } from '../src/lists/csl-csv/import.js';
import { cleanAliases, federalRegister, footnotesOf } from '../src/lists/csl-record.js';
import { parseCslJson } from '../src/lists/csl-json/import.js';
import { fileListStore, importListFile, loadDefaultLists, loadDefaultScreener, shippedLists } from '../src/lists/index.js';
import { readTextFile } from '../src/lists/read-text.js';
import { contentHash } from '../src/lists/version.js';

const fixture = (name: string) => new URL(`./fixtures/csl/${name}`, import.meta.url).pathname;
const tmp = () => mkdtempSync(join(tmpdir(), 'chiplaw-lists-'));
const isInputError = (message: RegExp) => (e: Error) => e instanceof InputError && message.test(e.message);

describe('CSL CSV importer', () => {
  const { entries } = shippedLists();
  const byName = (name: string) => entries.find((e) => e.name === name)!;

  it('reads the shipped lists: 137 Entity List rows and 13 rows of other lists', () => {
    assert.equal(entries.length, 150);
    const counts: Record<string, number> = {};
    for (const e of entries) counts[e.list] = (counts[e.list] ?? 0) + 1;
    assert.deepEqual(counts, { EL: 138, CMIC: 5, SDN: 1, MEU: 3, UVL: 3 });
    assert.equal(new Set(entries.map((e) => e.id)).size, 150, 'ids are unique');
  });

  it('cleans alias residue: a leading "and", and two aliases left in one string', () => {
    assert.ok(byName('Sugon').aliases.includes('Tianjin Shuguang Computer Industry'));
    assert.deepEqual(byName('Beijing Sensetime Technology Development Co., Ltd.').aliases, ['Beijing Shangtang Technology Development Co., Ltd.', 'Sense Time']);
    assert.deepEqual(cleanAliases(['and SMIC North', 'X?s Lab', 'Inspur Taiwan—R&D Center']), ['SMIC North', "X's Lab", 'Inspur Taiwan—R&D Center']);
  });

  it('collapses whitespace runs and trailing junk in names', () => {
    assert.equal(entries[6]!.name, 'HiSilicon Technologies Co., Ltd (HiSilicon), Bantian Longgang District');
    assert.equal(entries[2]!.name, 'Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Beijing Huawei Longshine Information Technology Co., Ltd.');
    assert.ok(entries.some((e) => e.name === 'SMIC Semiconductor Manufacturing (Shanghai) Co., Ltd.'), 'trailing ", " dropped');
  });

  it('extracts footnote numbers flattened into the licence requirement', () => {
    assert.deepEqual(byName('Sugon').footnotes, [4]);
    assert.deepEqual(byName('Inspur Group Co., Ltd.').footnotes, [4], '"EAR)4"');
    assert.deepEqual(byName('PXW Semiconductor Manufactory Co., Ltd.').footnotes, [5]);
    assert.deepEqual(byName('China Electronics Technology Group Corporation 13th Research Institute (CETC 13)').footnotes, [3], '"734.9(g),3 "');
    assert.deepEqual(byName('Huawei Device Co., Ltd.').footnotes, []);
    assert.deepEqual(footnotesOf('For all items subject to the EAR. (See § 744.11 of the EAR)'), []);
  });

  it('normalises FR citations whatever their separators', () => {
    assert.equal(entries[0]!.federal_register, '84 FR 22963; 84 FR 43495; 85 FR 29853; 85 FR 36720; 85 FR 51603');
    assert.equal(byName('Sugon').federal_register, '84 FR 29373; 87 FR 62202');
    assert.equal(federalRegister('67 F.R. 56530 9/4/02'), '67 FR 56530');
    assert.equal(federalRegister('Vol. 88, No. 151, 08/08/2023'), 'Vol. 88, No. 151, 08/08/2023');
    assert.equal(federalRegister('  '), null);
  });

  it('takes countries from the end of each address, without splitting BIS free text on "; and"', () => {
    assert.deepEqual(byName('SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION').countries, ['CN', 'KY']);
    assert.deepEqual(byName('SMIC Hong Kong International Company Limited').countries, ['HK']);
    assert.deepEqual(byName('Sugon').countries, ['CN']);
    assert.equal(byName('Sugon').addresses.length, 1);
    assert.deepEqual(byName('Huawei Device Co., Ltd.').countries, ['CN']);
    assert.equal(byName('Huawei Device Co., Ltd.').addresses.length, 3);
  });

  it('keeps absent values null, never invented', () => {
    const uvl = byName('Atlas Sanatgaran');
    assert.equal(uvl.federal_register, null);
    assert.equal(uvl.start_date, null);
    assert.equal(uvl.license_policy, null);
    assert.equal(byName('Naura Technology Group Co., Ltd.').license_policy, null, 'blank in the sample: unconfirmed wording');
  });

  it('repairs encoding damage and reads BOM and CRLF files (quirk fixture)', () => {
    const quirks = parseCslCsv(readTextFile(fixture('quirks.csv'), 'file').text, 'quirks.csv');
    assert.equal(quirks.length, 10);
    assert.equal(quirks[0]!.id, entries[0]!.id, 'same row, same id, whatever the line ends and BOM');
    assert.equal(quirks[1]!.license_requirement, 'For all items subject to the EAR. (See §744.11 of the EAR).');
    assert.equal(quirks[2]!.federal_register, '85 FR 83420');
    assert.equal(quirks[3]!.name, 'Huawei do Brasil Telecomunicac?es Ltda', 'a lost character stays as published');
  });

  it('derives ids from content, so the unstable CSL _id does not change them', () => {
    const text = readFileSync(fixture('consolidated-sample.csv'), 'utf8');
    const a = parseCslCsv(text, 'a.csv');
    const b = parseCslCsv(text.replace('736c2c6ac3e138ed746296f09c18d066c8fddcd0', '0123456789abcdef0123456789abcdef'), 'b.csv');
    assert.deepEqual(a.map((e) => e.id), b.map((e) => e.id));
    assert.notDeepEqual(a[0]!.source_ids, b[0]!.source_ids);
  });

  it('rejects files that are not CSL CSV, naming the file and the row', () => {
    const header = readFileSync(fixture('consolidated-sample.csv'), 'utf8').split('\n')[0]!;
    const row = readFileSync(fixture('consolidated-sample.csv'), 'utf8').split('\n')[1]!;
    assert.throws(() => parseCslCsv('name,country\nHuawei,CN\n', 'x.csv'), isInputError(/x\.csv: not a CSL CSV file, missing columns source, alt_names/));
    assert.throws(() => parseCslCsv(`${header}\n${row}\n"a","b"\n`, 'x.csv'), isInputError(/x\.csv: malformed CSV at data row 2: Invalid Record Length/));
    assert.throws(() => parseCslCsv(`${header}\n${row.replace('"85 FR 83420"', '"85 FR 83420')}\n`, 'x.csv'), isInputError(/x\.csv: malformed CSV/));
    assert.throws(() => parseCslCsv(`${header}\n`, 'x.csv'), isInputError(/no data rows/));
    const noSource = row.replace('"Entity List (EL) - Bureau of Industry and Security"', '"Somebody\'s list"');
    assert.throws(() => parseCslCsv(`${header}\n${row}\n${noSource}\n`, 'x.csv'), isInputError(/x\.csv: data row 2: source "Somebody's list" names no list code/));
    for (const date of ['2025-99-99', '2025-02-30', '05/16/2019']) {
      const badDate = row.replace('"2020-12-18"', `"${date}"`);
      assert.throws(() => parseCslCsv(`${header}\n${badDate}\n`, 'x.csv'), isInputError(new RegExp(`x\\.csv: data row 1: start_date "${date}" is not a real date`)), date);
    }
  });
});

describe('CSL JSON importer', () => {
  it('reads the bulk JSON structure and gives the same entries as the CSV of the same rows', () => {
    const fromJson = parseCslJson(readFileSync(fixture('consolidated-sample.json'), 'utf8'), 'sample.json');
    const fromCsv = parseCslCsv(readFileSync(fixture('consolidated-sample.csv'), 'utf8'), 'sample.csv');
    assert.equal(fromJson.length, 8);
    assert.deepEqual(fromJson, fromCsv);
    const cetc = fromJson.find((e) => e.name.includes('CETC 13'))!;
    assert.equal(cetc.addresses[0]!.endsWith('Shijiazhuang, Hebei Province, CN'), true);
    assert.ok(cetc.aliases.includes('CETC Research Institute 13'));
  });

  it('accepts a bare array, string-joined alt names and null fields', () => {
    const [e] = parseCslJson(JSON.stringify([{ source: 'Entity List (EL) - Bureau of Industry and Security', name: 'Sugon', alt_names: 'Dawning; and Shuguang', addresses: null, start_date: null }]), 'x.json');
    assert.deepEqual(e!.aliases, ['Dawning', 'Shuguang']);
    assert.deepEqual(e!.addresses, []);
    assert.equal(e!.start_date, null);
  });

  it('rejects malformed JSON and results that are not CSL records, naming the result', () => {
    assert.throws(() => parseCslJson('{"results": [', 'x.json'), isInputError(/x\.json: malformed JSON/));
    assert.throws(() => parseCslJson('{"rows": []}', 'x.json'), isInputError(/not a CSL JSON file/));
    assert.throws(() => parseCslJson('{"results": []}', 'x.json'), isInputError(/no results/));
    assert.throws(() => parseCslJson('{"results": [{"source": "Entity List (EL)", "name": "A"}, {"source": "Entity List (EL)"}]}', 'x.json'), isInputError(/x\.json: results\[1\]\.name/));
  });
});

describe('list versions and the store', () => {
  it('reads text files, refusing binary ones and decoding non-UTF-8 as Windows-1252', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bin.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    assert.throws(() => readTextFile(join(dir, 'bin.csv'), 'file'), isInputError(/binary file/));
    assert.throws(() => readTextFile(join(dir, 'missing.csv'), 'file'), isInputError(/cannot read .*missing\.csv \(ENOENT\)/));
    writeFileSync(join(dir, 'latin.csv'), Buffer.from('Telecomunica\xe7\xf5es', 'latin1'));
    assert.deepEqual(readTextFile(join(dir, 'latin.csv'), 'file'), { text: 'Telecomunicações', encoding: 'windows-1252' });
  });

  it('stores an import as a version; an unchanged file is a no-op; an older version can be made current again', async () => {
    const store = fileListStore(tmp());
    const now = new Date('2026-01-02T03:04:05Z');
    const first = await importListFile(fixture('consolidated-sample.csv'), { store, now, sourceDate: '2025-06-25' });
    assert.equal(first.outcome, 'saved');
    assert.deepEqual(first.version.counts, { CMIC: 1, EL: 5, SDN: 1, UVL: 1 });
    assert.equal(first.version.total, 8);
    assert.equal(first.version.imported_at, '2026-01-02T03:04:05.000Z');
    assert.equal(first.version.source_date, '2025-06-25');
    assert.match(first.version.hash, /^[0-9a-f]{64}$/);

    const again = await importListFile(fixture('consolidated-sample.csv'), { store });
    assert.equal(again.outcome, 'unchanged');
    assert.equal(again.version.imported_at, '2026-01-02T03:04:05.000Z', 'the stored version is kept');
    const sameContentAsJson = await importListFile(fixture('consolidated-sample.json'), { store });
    assert.equal(sameContentAsJson.outcome, 'unchanged', 'same content in the other format is the same version');

    const other = await importListFile(fixture('quirks.csv'), { store });
    assert.equal(other.outcome, 'saved');
    assert.notEqual(other.version.hash, first.version.hash);
    assert.equal((await importListFile(fixture('consolidated-sample.csv'), { store })).outcome, 'reactivated');
    assert.equal((await store.versions()).length, 2);
    assert.equal((await store.current())!.version.hash, first.version.hash);
  });

  it('screens the newest imported version, else the shipped lists, and says which', async () => {
    const store = fileListStore(tmp());
    const shipped = await loadDefaultLists({ store });
    assert.equal(shipped.version.origin, 'shipped');
    assert.equal(shipped.version.total, 150);
    assert.equal(shipped.version.source_date, '2025-09-16', 'newest listing date in the shipped rows');

    await importListFile(fixture('consolidated-sample.json'), { store });
    const screener = await loadDefaultScreener({ store });
    assert.equal(screener.version.origin, 'imported');
    assert.equal(screener.size, 8);
    assert.equal(screener.screen({ name: '中芯国际' })[0]?.list, 'EL');
    assert.deepEqual(screener.screen({ name: 'Huawei Technologies' }), [], 'Huawei is not in the imported file');
  });

  it('rejects bad import options', async () => {
    const store = fileListStore(tmp());
    await assert.rejects(importListFile(fixture('quirks.csv'), { store, format: 'xml' }), isInputError(/--format: "xml"/));
    await assert.rejects(importListFile(fixture('quirks.csv'), { store, sourceDate: '2025-02-30' }), isInputError(/--source-date/));
  });

  it('hashes content, not entry order or the CSL _id', () => {
    const { entries, version } = shippedLists();
    assert.equal(contentHash([...entries].reverse()), version.hash);
    assert.equal(contentHash(entries.map((e) => ({ ...e, source_ids: ['renumbered'] }))), version.hash);
    assert.notEqual(contentHash(entries.slice(1)), version.hash);
  });
});
