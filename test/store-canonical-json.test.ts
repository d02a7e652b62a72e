import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../src/core/errors.js';
import { canonicalJson, entryHash, GENESIS_HASH, type LedgerEntry } from '../src/store/index.js';

describe('canonical JSON', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });
  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    assert.equal(canonicalJson({ '\uffff': 1, '\u{1f600}': 2, é: 3, Z: 4, a: 5 }), '{"Z":4,"a":5,"é":3,"😀":2,"\uffff":1}');
  });
  it('writes strings and numbers as JSON.stringify does', () => {
    for (const value of ['line\nbreak "quoted" \\ \u0000 \u001f é 😀', 'lone \ud800', 0, -0, 0.1, 1e21, 1e-7, -123.456, 2 ** 53]) {
      assert.equal(canonicalJson(value), JSON.stringify(value));
    }
  });
  it('leaves out undefined properties and follows toJSON', () => {
    assert.equal(canonicalJson({ a: undefined, b: new Date('2025-06-01T00:00:00Z') }), '{"b":"2025-06-01T00:00:00.000Z"}');
  });
  it('reads back to the same text', () => {
    const text = canonicalJson({ n: [1.5, -0, 1e300], s: 'ü\u2028', o: { k: {} } });
    assert.equal(canonicalJson(JSON.parse(text)), text);
  });
  it('allows a shared value twice but refuses a cycle', () => {
    const shared = { x: 1 };
    assert.equal(canonicalJson([shared, shared]), '[{"x":1},{"x":1}]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => canonicalJson(cyclic, 'input'), (e: unknown) => e instanceof InputError && e.field === 'input.self');
  });
  it('refuses what JSON cannot carry, naming where it is', () => {
    const cases: Array<[unknown, string]> = [
      [{ a: Number.NaN }, 'v.a'],
      [[1, Number.POSITIVE_INFINITY], 'v[1]'],
      [[undefined], 'v[0]'],
      [{ n: 1n }, 'v.n'],
      [{ f: () => 1 }, 'v.f'],
      [undefined, 'v'],
    ];
    for (const [value, field] of cases) {
      assert.throws(() => canonicalJson(value, 'v'), (e: unknown) => e instanceof InputError && e.field === field, field);
    }
  });
});

describe('ledger entry hash', () => {
  const entry: Omit<LedgerEntry, 'hash'> = {
    seq: 1,
    id: '00000000-0000-4000-8000-000000000001',
    created_at: '2025-06-01T12:00:00.000Z',
    kind: 'check',
    caller: 'key-1',
    idempotency_key: null,
    ruleset_hash: 'a'.repeat(64),
    list_versions: { csl: 'b'.repeat(64) },
    input: { chip: 'nvidia-h20', destination: 'CN' },
    output: { verdict: 'allowed' },
    verdict: 'allowed',
    chip: 'nvidia-h20',
    parties: ['Example Cloud Ltd'],
    on_date: '2025-06-01',
    obligations: [{ kind: 'revenue_share', payee: 'US Government', percent: 15, amount_usd: 150, on_date: '2025-06-01' }],
    prev_hash: GENESIS_HASH,
  };
  it('is fixed for a given entry: changing it would break every stored chain', () => {
    // Also what Python's json.dumps(entry, sort_keys=True, separators=(',', ':'), ensure_ascii=False) hashes to.
    assert.equal(entryHash(entry), '5a58560aaffe11272542e4e1cfb4b6e78be6eb0d13625245e358ffca16230cab');
  });
  it('ignores fields outside the entry, such as the stored hash', () => {
    assert.equal(entryHash({ ...entry, hash: 'x', replayed: true } as LedgerEntry), entryHash(entry));
  });
  it('changes with any field, including the link to the previous entry', () => {
    const base = entryHash(entry);
    assert.notEqual(entryHash({ ...entry, prev_hash: 'c'.repeat(64) }), base);
    assert.notEqual(entryHash({ ...entry, output: { verdict: 'denied' } }), base);
    assert.notEqual(entryHash({ ...entry, obligations: [] }), base);
    assert.notEqual(entryHash({ ...entry, seq: 2 }), base);
  });
});
