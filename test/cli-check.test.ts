import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';

describe('chiplaw check (CLI contract)', () => {
  it('H20 to China on 2025-09-01: licence, 15% revenue share, China guidance, cited reasons', () => {
    const r = runCli(['check', '--chip', 'nvidia-h20', '--to', 'CN', '--on', '2025-09-01', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(d).filter((k) => ['verdict', 'on', 'chip', 'export', 'import', 'obligations', 'parties', 'reasons', 'ruleset'].includes(k)).length, 9);
    assert.equal(d.verdict, 'licence_required');
    assert.equal(d.on, '2025-09-01');
    assert.equal(d.chip.chip, 'nvidia-h20');
    assert.equal(d.export.jurisdiction, 'US');
    assert.equal(d.export.licence_required, true);
    assert.equal(d.export.exception, null);
    assert.ok(d.obligations.some((o: { kind: string; percent: number }) => o.kind === 'revenue_share' && o.percent === 15));
    assert.equal(d.import.jurisdiction, 'CN');
    assert.ok(d.import.measures.some((m: { rule: string }) => m.rule.startsWith('cn-h20-guidance')));
    for (const reason of d.reasons) {
      assert.equal(typeof reason.rule, 'string');
      assert.ok(reason.citation.length > 0);
      assert.match(reason.url, /^https:\/\//);
      assert.ok(['primary', 'secondary', 'reported', 'unconfirmed'].includes(reason.confidence));
    }
    assert.equal(d.ruleset.as_of, '2025-09-01');
    assert.match(d.ruleset.hash, /^[0-9a-f]{64}$/);
  });

  it('takes the same order as JSON on standard input', () => {
    const order = { chip: 'nvidia-geforce-rtx-4090', to: 'CN', on: '2024-06-01', buyer: 'Example Compute Ltd', buyer_hq: 'CN' };
    const r = runCli(['check', '--order', '-', '--json'], JSON.stringify(order));
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(d.verdict, 'allowed_with_conditions');
    assert.equal(d.export.exception, 'NAC');
  });

  it('prints a readable explanation by default', () => {
    const r = runCli(['check', '--chip', 'nvidia-h200-sxm-141gb', '--to', 'CN', '--on', '2026-03-01', '--qty', '8', '--unit-price', '30000', '--buyer', 'Example Compute Ltd', '--buyer-hq', 'CN']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^LICENCE REQUIRED/);
    assert.match(r.stdout, /case by case/);
    assert.match(r.stdout, /tariff 25% to US Government = USD 60,000/);
    assert.match(r.stdout, /91 FR 1684/);
  });

  it('uses a licence register file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiplaw-lic-'));
    const file = join(dir, 'licences.yaml');
    writeFileSync(
      file,
      [
        'licences:',
        '  - number: D9000001',
        '    holder: NVIDIA Corporation',
        '    chips: [nvidia-h20]',
        '    destination: CN',
        '    consignee: Example Compute Ltd',
        '    quantity_limit: 500',
        '    conditions: [{ kind: revenue_share, percent: 15, payee: US Government }]',
        '    valid_from: 2025-08-08',
        '    valid_to: 2026-08-07',
        '',
      ].join('\n'),
    );
    const args = ['check', '--chip', 'nvidia-h20', '--to', 'CN', '--on', '2025-09-01', '--qty', '100', '--buyer', 'Example Compute Ltd', '--buyer-hq', 'CN', '--licences', file, '--json'];
    const d = JSON.parse(runCli(args).stdout);
    assert.equal(d.verdict, 'allowed_with_conditions');
    assert.equal(d.export.licence.number, 'D9000001');
    assert.equal(d.export.licence.quantity_left, 500);
  });

  const bad: [string, string[], RegExp, string?][] = [
    ['a bad country code', ['check', '--chip', 'nvidia-h20', '--to', 'XX'], /order\.to: "XX" is not an ISO 3166/],
    ['a malformed country code', ['check', '--chip', 'nvidia-h20', '--to', 'China'], /order\.to: must be an ISO 3166 alpha-2 code/],
    ['a negative quantity', ['check', '--chip', 'nvidia-h20', '--to', 'CN', '--qty', '-5'], /order\.qty: must be at least 1 \(got -5\)/],
    ['a non-numeric price', ['check', '--chip', 'nvidia-h20', '--to', 'CN', '--unit-price', 'lots'], /--unit-price: "lots" is not a number/],
    ['an unknown chip', ['check', '--chip', 'nvidia-h999', '--to', 'CN'], /order\.chip: unknown chip id "nvidia-h999"/],
    ['an impossible date', ['check', '--chip', 'nvidia-h20', '--to', 'CN', '--on', '2025-13-01'], /order\.on: must be a real date/],
    ['malformed order JSON', ['check', '--order', '-'], /--order: malformed JSON/, '{"chip": "nvidia-h20",'],
    ['an unknown order field', ['check', '--order', '-'], /order: Unrecognized key/i, '{"chip": "nvidia-h20", "to": "CN", "colour": "red"}'],
    ['a missing destination', ['check', '--chip', 'nvidia-h20'], /--to <CC> is required/],
    ['a missing rules directory', ['check', '--chip', 'nvidia-h20', '--to', 'CN', '--rules', '/nonexistent/rules'], /--rules: directory/],
  ];
  for (const [what, args, message, stdin] of bad) {
    it(`exits 2 on ${what}`, () => {
      const r = runCli(args, stdin);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }
});

describe('chiplaw rules', () => {
  it('lists the rules in force on a date', () => {
    const r = runCli(['rules', 'list', '--on', '2025-09-01', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const ids = JSON.parse(r.stdout).map((x: { id: string }) => x.id);
    assert.ok(ids.includes('us-h20-licensing-2025-08.revenue-share'));
    assert.ok(!ids.includes('us-acs-2022.destination-china'), 'the 2022 scope ended 2023-11-16');
  });
  it('shows an instrument with its dates and citation', () => {
    const r = runCli(['rules', 'show', 'us-ai-diffusion-2025-01', '--json']);
    const i = JSON.parse(r.stdout);
    assert.deepEqual([i.effective, i.published, i.compliance, i.notEnforcedFrom], ['2025-01-13', '2025-01-15', '2025-05-15', '2025-05-13']);
    assert.match(i.citation, /90 FR 4544/);
  });
  it('diffs two dates with citations', () => {
    const r = runCli(['rules', 'diff', '2023-11-16', '2023-11-17', '--json']);
    const diff = JSON.parse(r.stdout);
    assert.ok(diff.added.some((x: { id: string; citation: string }) => x.id === 'us-acs-2023.destination-d5-macau' && /88 FR 73458/.test(x.citation)));
    assert.ok(diff.removed.some((x: { id: string }) => x.id === 'us-acs-2022.destination-china'));
    // The classification itself changed that day: the 2023 version of ECCN 3A090 replaced the 2022 one.
    assert.ok(diff.added.some((x: { id: string; effect: string }) => x.id === 'us-3a090-2023' && x.effect === 'classification'));
    assert.ok(diff.removed.some((x: { id: string }) => x.id === 'us-3a090-2022'));
    const shown = JSON.parse(runCli(['rules', 'show', 'us-3a090-2023', '--json']).stdout);
    assert.deepEqual([shown.effective, shown.ends, shown.effect], ['2023-11-17', '2024-12-01', 'classification']);
  });

  function ruleDir(body: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'chiplaw-rules-'));
    mkdirSync(join(dir, 'acme'));
    writeFileSync(join(dir, 'acme', 'policy.yaml'), body);
    return dir;
  }
  const instrument = [
    'instrument:',
    '  id: acme-policy',
    '  jurisdiction: US',
    '  title: Acme internal policy',
    '  citation: Acme compliance manual s. 4',
    '  url: https://example.com/policy',
    '  effective: 2024-01-01',
    '  confidence: primary',
    'rules:',
  ];
  it('validates a user rule directory and uses it in decisions', () => {
    const dir = ruleDir(
      [...instrument, '  - id: acme-policy.no-gpus-to-br', '    title: Acme ships no GPUs to Brazil', '    when: { fact: destination.country, eq: BR }', '    effect: { prohibited: { reason: company policy } }', ''].join('\n'),
    );
    const v = runCli(['rules', 'validate', dir]);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /ok: 1 instruments, 1 rules/);
    const d = JSON.parse(runCli(['check', '--chip', 'nvidia-l4', '--to', 'BR', '--on', '2025-01-01', '--buyer', 'X', '--buyer-hq', 'BR', '--rules', dir, '--json']).stdout);
    assert.equal(d.verdict, 'prohibited');
  });
  it('rejects a rule that conflicts with a shipped rule with no stated priority, naming file and line', () => {
    const dir = ruleDir(
      [...instrument, '  - id: acme-policy.share', '    title: A different revenue share', '    when: { fact: chip.id, eq: nvidia-h20 }', '    effect: { obligation: { kind: revenue_share, percent: 20, payee: US Government } }', ''].join('\n'),
    );
    const r = runCli(['rules', 'validate', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /policy\.yaml:\d+: rules\.0\.priority: rules us-h20-licensing-2025-08\.revenue-share and acme-policy\.share both set obligation:revenue_share:US Government/);
  });
  it('rejects an unknown country code in a rule with file and line', () => {
    const dir = ruleDir([...instrument, '  - id: acme-policy.typo', '    title: typo', '    when: { fact: destination.country, eq: XZ }', '    effect: { review: { reason: x } }', ''].join('\n'));
    const r = runCli(['rules', 'validate', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /policy\.yaml:12: rules\.0\.when\.eq: unknown ISO 3166 country code "XZ"/);
  });
});
