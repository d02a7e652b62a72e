import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';

describe('chiplaw classify (CLI contract)', () => {
  it('prints the JSON contract for a catalog chip on a date', () => {
    const r = runCli(['classify', 'nvidia-h20', '--on', '2025-06-01', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.chip, 'nvidia-h20');
    assert.equal(out.on, '2025-06-01');
    assert.equal(out.tpp, 2368);
    assert.equal(typeof out.pd, 'number');
    assert.equal(out.status, 'not_controlled');
    assert.equal(out.eccn, null);
    assert.ok(out.tests.length >= 4);
    for (const t of out.tests) {
      assert.equal(typeof t.test, 'string');
      assert.equal(typeof t.met, 'boolean');
    }
    assert.equal(out.rule.id, 'us-3a090-2024-12');
    assert.match(out.rule.citation, /FR/);
    assert.match(out.rule.url, /^https:\/\//);
  });

  it('explains in plain text without --json', () => {
    const r = runCli(['classify', 'nvidia-l4', '--on', '2024-01-01']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3A090\.a/);
    assert.match(r.stdout, /\[x\] 3A090\.a\.2/);
    assert.match(r.stdout, /88 FR 73458/);
  });

  it('classifies a spec from a file and from standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiplaw-'));
    const spec = { name: 'Example X1', vendor: 'Example', datacenter: true, die_area_mm2: 600, dense_tops: { fp8: 700 } };
    writeFileSync(join(dir, 'x1.json'), JSON.stringify(spec));
    const fromFile = JSON.parse(runCli(['classify', '--spec', join(dir, 'x1.json'), '--on', '2025-01-01', '--json']).stdout);
    assert.equal(fromFile.chip, 'Example X1');
    assert.equal(fromFile.tpp, 5600);
    assert.equal(fromFile.eccn, '3A090.a');
    const fromStdin = runCli(['classify', '--spec', '-', '--on', '2025-01-01', '--json'], JSON.stringify(spec));
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.deepEqual(JSON.parse(fromStdin.stdout), fromFile);
  });

  const badInputs: [string, string[], RegExp, string?][] = [
    ['unknown chip id', ['classify', 'nvidia-h999'], /unknown chip id "nvidia-h999"/],
    ['impossible date', ['classify', 'nvidia-h20', '--on', '2025-02-30'], /--on: "2025-02-30" is not a real date/],
    ['badly formatted date', ['classify', 'nvidia-h20', '--on', '1/6/2025'], /--on/],
    ['malformed JSON spec', ['classify', '--spec', '-'], /malformed JSON/, '{"name": "x", '],
    ['negative throughput', ['classify', '--spec', '-'], /spec\.dense_tops\.fp8.*-5/, '{"name":"x","dense_tops":{"fp8":-5}}'],
    ['misspelt spec field', ['classify', '--spec', '-'], /spec/, '{"name":"x","dense_top":{}}'],
    ['chip id and spec together', ['classify', 'nvidia-h20', '--spec', '-'], /either a chip id or --spec/, '{}'],
    ['unknown option', ['classify', 'nvidia-h20', '--bogus'], /unknown option/],
  ];
  for (const [what, args, message, stdin] of badInputs) {
    it(`exits 2 with one clear line on ${what}`, () => {
      const r = runCli(args, stdin);
      assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    });
  }
});

describe('chiplaw chips', () => {
  it('lists all 75 chips with TPP, PD and a classification', () => {
    const r = runCli(['chips', '--json', '--on', '2025-06-01']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout);
    assert.equal(rows.length, 75);
    const h100 = rows.find((x: { chip: string }) => x.chip === 'nvidia-h100-sxm5-80gb');
    assert.equal(h100.tpp, 15832);
    assert.equal(h100.eccn, '3A090.a');
  });
  it('prints a table by default', () => {
    const r = runCli(['chips']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nvidia-h20\s+NVIDIA/);
    assert.match(r.stdout, /75 chips/);
  });
});
