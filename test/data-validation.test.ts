import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileCondition } from '../src/core/rules/condition.js';
import { defaultDataDir, loadDataset } from '../src/load/dataset.js';
import { readDataRecords } from '../src/load/read-data.js';
import { runCli } from './helpers/cli.js';

function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chiplaw-data-'));
  cpSync(defaultDataDir(), dir, { recursive: true });
  return dir;
}

function editFile(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `fixture text "${from}" present in ${path}`);
  writeFileSync(path, text.replace(from, to));
}

describe('data validation at load', () => {
  it('the build snapshot holds exactly what validating the YAML gives', () => {
    const snapshot = JSON.parse(readFileSync(new URL('../dist/data-snapshot.json', import.meta.url), 'utf8'));
    assert.deepEqual(snapshot.records, JSON.parse(JSON.stringify(readDataRecords(defaultDataDir()))));
  });

  it('a wrong chip field names the file, line, chip and field', () => {
    const dir = copyOfData();
    editFile(join(dir, 'chips', 'nvidia.yaml'), '    fp8: 296\n', '    fp8: lots\n');
    assert.throws(() => readDataRecords(dir), (e: Error) => {
      assert.match(e.message, /chips\/nvidia\.yaml:\d+: chip nvidia-h20: chips\.\d+\.dense\.fp8: /);
      return true;
    });
  });

  it('an edited data directory is validated, not served from the snapshot', async () => {
    const dir = copyOfData();
    editFile(join(dir, 'chips', 'nvidia.yaml'), 'area_scope: all_logic_dies', 'area_scope: most_dies');
    await assert.rejects(loadDataset(dir), /area_scope/);
  });

  it('the CLI reports a broken data file with exit code 2', () => {
    const dir = copyOfData();
    editFile(join(dir, 'rules', 'us', 'eccn-3a090.yaml'), '{ fact: chip.tpp, gte: 4800 }', '{ fact: chip.tppp, gte: 4800 }');
    const r = runCli(['classify', 'nvidia-h20'], undefined, { CHIPLAW_DATA_DIR: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /eccn-3a090\.yaml:\d+: .*unknown fact "chip\.tppp"/);
  });

  it('a duplicate chip id is an error', () => {
    const dir = copyOfData();
    editFile(join(dir, 'chips', 'nvidia.yaml'), 'id: nvidia-a100-pcie-80gb', 'id: nvidia-a100-sxm4-80gb');
    assert.throws(() => readDataRecords(dir), /duplicate id/);
  });

  it('malformed YAML is reported with its line', () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'chips', 'broken.yaml'), 'chips:\n  - id: x\n   vendor: [\n');
    assert.throws(() => readDataRecords(dir), /broken\.yaml:\d+: malformed YAML/);
  });
});

describe('condition language', () => {
  it('uses three-valued logic for unknown facts', () => {
    const c = compileCondition({ any: [{ fact: 'chip.tpp', gte: 4800 }, { fact: 'chip.pd', gte: 5.92 }] });
    assert.equal(c({ 'chip.tpp': 5000 }), true);
    assert.equal(c({ 'chip.tpp': 100 }), null);
    assert.equal(c({ 'chip.tpp': 100, 'chip.pd': 1 }), false);
    const n = compileCondition({ not: { fact: 'chip.datacenter', eq: true } });
    assert.equal(n({}), null);
    assert.equal(n({ 'chip.datacenter': false }), true);
  });
  it('rejects unknown facts, unknown operators and mistyped operands with their path', () => {
    assert.throws(() => compileCondition({ all: [{ fact: 'chip.tpp', gte: 1 }, { fact: 'chip.nope', eq: 1 }] }), /unknown fact "chip.nope"/);
    assert.throws(() => compileCondition({ fact: 'chip.tpp', greater: 1 } as never), /unknown operator "greater"/);
    assert.throws(() => compileCondition({ fact: 'chip.tpp', gte: '4800' }), /gte needs a number/);
    assert.throws(() => compileCondition({ fact: 'destination.groups', eq: 'D:5' }), /does not apply to strings/);
  });
});
