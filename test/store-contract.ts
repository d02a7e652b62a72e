/**
 * The storage contract: every `Store` implementation must pass this suite unchanged. Each implementation's test
 * file calls `storeContract` with a factory of fresh, empty databases; every test gets its own.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { addDays, todayIso } from '../dist/core/dates.js';
import { InputError } from '../dist/core/errors.js';
import {
  canonicalJson,
  ConflictError,
  entryHash,
  GENESIS_HASH,
  NotFoundError,
  openStore,
  ShipmentRefusedError,
  type DecisionInput,
  type LicenceInput,
  type Store,
} from '../dist/store/index.js';
import { startChildren } from './helpers/store-processes.js';
import type { StoreTarget, StoreTargetFactory } from './helpers/store-targets.js';

const CHILD_TIMEOUT = { timeout: 30_000 };

const decision = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  kind: 'check',
  input: { chip: 'nvidia-h20', destination: 'CN', quantity: 8 },
  output: { verdict: 'allowed', reasons: [] },
  ruleset_hash: 'a'.repeat(64),
  list_versions: { consolidated: 'b'.repeat(64) },
  caller: 'key-analyst',
  ...over,
});

const licence = (over: Partial<LicenceInput> = {}): LicenceInput => ({
  licence_number: 'L-2025-0001',
  holder: 'Example Semiconductors Inc.',
  chips: ['nvidia-h20'],
  destination: 'CN',
  consignee: 'Example Cloud Ltd',
  quantity_limit: 100,
  value_limit_usd: 1_000_000,
  conditions: [{ kind: 'revenue_share', percent: 15, payee: 'US Government' }],
  valid_from: '2025-01-01',
  valid_to: '2025-12-31',
  ...over,
});

/** Asserts that `promise` rejects with an error of `type` naming `field`. */
function rejectsOn(promise: Promise<unknown>, field: string, type: typeof InputError = InputError): Promise<void> {
  return assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal(error.field, field);
    return true;
  });
}

export function storeContract(kind: Store['kind'], newTarget: StoreTargetFactory): void {
  describe(`${kind} store`, () => {
    let db: StoreTarget;
    let store: Store;
    beforeEach(async () => {
      db = await newTarget();
      store = await openStore(db.target);
    });
    afterEach(async () => {
      await store.close();
      await db.dispose();
    });

    /** Appends `count` decisions one after another. */
    const appendMany = async (count: number, over: Partial<DecisionInput> = {}) => {
      const entries = [];
      for (let i = 0; i < count; i++) entries.push((await store.appendDecision(decision({ input: { order: i }, ...over }))).entry);
      return entries;
    };

    describe('opening and migrations', () => {
      it('opens the implementation the target names, and answers a ping', async () => {
        assert.equal(store.kind, kind);
        await store.ping();
      });
      it('opening a migrated database again applies nothing and keeps the data', async () => {
        const { entry } = await store.appendDecision(decision());
        const again = await openStore(db.target);
        try {
          assert.deepEqual(await again.getDecision(entry.id), entry);
          assert.equal((await again.verifyLedger()).entries, 1);
        } finally {
          await again.close();
        }
        const [migrations] = await db.query('select count(*) as n from kysely_migration');
        assert.equal(Number(migrations?.n), 1);
        const [heads] = await db.query('select count(*) as n from ledger_head');
        assert.equal(Number(heads?.n), 1);
      });
    });

    describe('ledger', () => {
      it('an empty ledger verifies, its head the genesis hash', async () => {
        assert.deepEqual(await store.verifyLedger(), { ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
      });

      it('chains entries from the genesis hash and reads them back exactly as appended', async () => {
        const first = await store.appendDecision(
          decision({
            input: { z: 1, a: { y: [1, 2.5, 'é'], x: null }, when: '2025-06-01' },
            verdict: 'allowed',
            chip: 'nvidia-h20',
            parties: ['Example Cloud Ltd'],
            on_date: '2025-06-01',
            obligations: [{ kind: 'revenue_share', payee: 'US Government', percent: 15, amount_usd: 1234.5, on_date: '2025-06-01' }],
          }),
        );
        assert.equal(first.replayed, false);
        const [, second, third] = [first.entry, ...(await appendMany(2))];
        assert.deepEqual([first.entry.seq, second!.seq, third!.seq], [1, 2, 3]);
        assert.equal(first.entry.prev_hash, GENESIS_HASH);
        assert.equal(second!.prev_hash, first.entry.hash);
        assert.equal(third!.prev_hash, second!.hash);
        for (const entry of [first.entry, second!, third!]) {
          assert.match(entry.hash, /^[0-9a-f]{64}$/);
          assert.equal(entryHash(entry), entry.hash);
          assert.deepEqual(await store.getDecision(entry.id), entry);
        }
        assert.deepEqual(first.entry.obligations, [
          { kind: 'revenue_share', payee: 'US Government', percent: 15, amount_usd: 1234.5, on_date: '2025-06-01' },
        ]);
        assert.equal(second!.verdict, null);
        const rounded = await store.appendDecision(
          decision({ obligations: [0.15 * 1234.57, 1.005, 0.004].map((amount_usd) => ({ kind: 'revenue_share' as const, payee: 'US', amount_usd, on_date: '2025-06-01' })) }),
        );
        assert.deepEqual(rounded.entry.obligations.map((o) => o.amount_usd), [185.19, 1.01, 0]);
        assert.equal((await store.verifyLedger()).ok, true);
        assert.deepEqual(second!.parties, []);
        assert.ok(!Number.isNaN(Date.parse(first.entry.created_at)));
        assert.deepEqual(await store.verifyLedger(), { ok: true, entries: 4, head: { seq: 4, hash: rounded.entry.hash } });
        assert.equal(await store.getDecision('no-such-id'), null);
      });

      it('refuses, recording nothing, a decision that is malformed or not storable unchanged', async () => {
        await rejectsOn(store.appendDecision(decision({ kind: 'Check!' })), 'kind');
        await rejectsOn(store.appendDecision(decision({ input: undefined })), 'input');
        await rejectsOn(store.appendDecision(decision({ output: { tpp: Number.NaN } })), 'output.tpp');
        await rejectsOn(store.appendDecision(decision({ output: { n: 10n } })), 'output.n');
        await rejectsOn(store.appendDecision(decision({ caller: ' ' })), 'caller');
        await rejectsOn(store.appendDecision(decision({ caller: 'key\ud800' })), 'caller');
        await rejectsOn(store.appendDecision(decision({ verdict: 'ok\0' })), 'verdict');
        await rejectsOn(store.appendDecision(decision({ on_date: '2025-02-30' })), 'on_date');
        await rejectsOn(store.appendDecision(decision({ parties: ['A', 3 as unknown as string] })), 'parties[1]');
        await rejectsOn(store.appendDecision(decision({ list_versions: { sdn: 5 as unknown as string } })), 'list_versions.sdn');
        const obligation = { kind: 'tariff' as const, payee: 'US Customs', on_date: '2025-06-01' };
        await rejectsOn(store.appendDecision(decision({ obligations: [{ ...obligation, kind: 'bribe' as 'tariff' }] })), 'obligations[0].kind');
        await rejectsOn(store.appendDecision(decision({ obligations: [{ ...obligation, amount_usd: -1 }] })), 'obligations[0].amount_usd');
        await rejectsOn(store.appendDecision(decision({ obligations: [{ ...obligation, percent: -1 }] })), 'obligations[0].percent');
        assert.equal((await store.verifyLedger()).entries, 0);
      });

      describe('detects tampering', () => {
        let entries: Awaited<ReturnType<typeof appendMany>>;
        beforeEach(async () => {
          entries = await appendMany(5);
        });
        const breaks = async (seq: number, reason: string) => {
          const result = await store.verifyLedger();
          assert.equal(result.ok, false);
          assert.deepEqual(result.first_broken, { seq, reason });
          assert.equal(result.entries, Math.min(seq - 1, 5));
        };

        it('an output edited in place', async () => {
          await db.query(`update ledger_entry set output = '{"verdict":"denied"}' where seq = 3`);
          await breaks(3, 'hash_mismatch');
        });
        it('a summary column edited in place', async () => {
          await db.query(`update ledger_entry set verdict = 'allowed' where seq = 2`);
          await breaks(2, 'hash_mismatch');
        });
        it('an obligation amount edited in place', async () => {
          const { entry } = await store.appendDecision(
            decision({ obligations: [{ kind: 'revenue_share', payee: 'US Government', percent: 15, amount_usd: 100, on_date: '2025-06-01' }] }),
          );
          await db.query(`update obligation set amount_cents = 1 where decision_id = '${entry.id}'`);
          await breaks(6, 'hash_mismatch');
        });
        it('an entry edited and re-hashed: the next entry no longer links to it', async () => {
          const edited = { ...entries[2]!, output: { verdict: 'denied' } };
          const hash = entryHash(edited);
          await db.query(`update ledger_entry set output = '${canonicalJson(edited.output)}', hash = '${hash}' where seq = 3`);
          await breaks(3, 'link_mismatch');
        });
        it('the last entry edited and re-hashed: the chain head no longer matches', async () => {
          const edited = { ...entries[4]!, caller: 'someone-else' };
          await db.query(`update ledger_entry set caller = 'someone-else', hash = '${entryHash(edited)}' where seq = 5`);
          await breaks(5, 'link_mismatch');
        });
        it('an entry deleted from the middle', async () => {
          await db.query('delete from ledger_entry where seq = 2');
          await breaks(2, 'missing');
        });
        it('entries cut off the end', async () => {
          await db.query('delete from ledger_entry where seq >= 4');
          await breaks(4, 'missing');
        });
        it('a JSON column that no longer parses', async () => {
          await db.query(`update ledger_entry set input = '{"order":' where seq = 1`);
          await breaks(1, 'unreadable');
        });
      });

      describe('idempotency', () => {
        it('a repeated key returns the first entry and records nothing', async () => {
          const obligations = [{ kind: 'tariff' as const, payee: 'US Customs', amount_usd: 10, on_date: '2025-06-01' }];
          const first = await store.appendDecision(decision({ idempotency_key: 'order-42', obligations }));
          const retry = await store.appendDecision(decision({ idempotency_key: 'order-42', obligations }));
          assert.equal(retry.replayed, true);
          assert.deepEqual(retry.entry, first.entry);
          assert.equal((await store.verifyLedger()).entries, 1);
        });
        it('a key is scoped to its caller', async () => {
          const a = await store.appendDecision(decision({ idempotency_key: 'k', caller: 'key-a' }));
          const b = await store.appendDecision(decision({ idempotency_key: 'k', caller: 'key-b' }));
          assert.notEqual(a.entry.id, b.entry.id);
          assert.equal(b.replayed, false);
        });
        it('a key reused for a different request is a conflict', async () => {
          await store.appendDecision(decision({ idempotency_key: 'order-43' }));
          await rejectsOn(store.appendDecision(decision({ idempotency_key: 'order-43', input: { other: true } })), 'idempotency_key', ConflictError);
          await rejectsOn(store.appendDecision(decision({ idempotency_key: 'order-43', kind: 'screen' })), 'idempotency_key', ConflictError);
        });
        it('a conflicting request among concurrent ones fails alone', async () => {
          const results = await Promise.allSettled([
            store.appendDecision(decision()),
            store.appendDecision(decision({ idempotency_key: 'k', input: { a: 1 } })),
            store.appendDecision(decision({ idempotency_key: 'k', input: { a: 2 } })),
            store.appendDecision(decision()),
          ]);
          // Which of the two keyed requests comes first is up to the database; the other conflicts.
          const rejected = results.filter((r) => r.status === 'rejected');
          assert.equal(rejected.length, 1);
          assert.ok(rejected[0]!.reason instanceof ConflictError);
          assert.ok(results[0]!.status === 'fulfilled' && results[3]!.status === 'fulfilled');
          assert.equal((await store.verifyLedger()).entries, 3);
        });
        it('concurrent requests with one key record it once', async () => {
          const results = await Promise.all(Array.from({ length: 10 }, () => store.appendDecision(decision({ idempotency_key: 'burst' }))));
          assert.equal(new Set(results.map((r) => r.entry.id)).size, 1);
          assert.equal(results.filter((r) => !r.replayed).length, 1);
          assert.equal((await store.verifyLedger()).entries, 1);
        });
      });

      describe('concurrent writers keep one chain', () => {
        it('many appends in flight on one store (more than one batch)', async () => {
          const count = 250;
          const results = await Promise.all(
            Array.from({ length: count }, (_, i) => store.appendDecision(decision({ input: { order: i }, parties: [`Party ${i}`] }))),
          );
          assert.deepEqual(
            results.map((r) => r.entry.seq).sort((a, b) => a - b),
            Array.from({ length: count }, (_, i) => i + 1),
          );
          const verification = await store.verifyLedger();
          assert.deepEqual([verification.ok, verification.entries], [true, count]);
          assert.deepEqual((await store.listDecisions({ party: 'party 249' })).entries.map((e) => e.input), [{ order: 249 }]);
        });

        it('two processes appending at once, retrying the same keys: one chain, each key recorded once', CHILD_TIMEOUT, async () => {
          // Both children append decisions 0..99 as one caller; the even ones carry the same idempotency keys.
          const args = ['append', db.target, 'shared', '100', 'order'];
          const children = await startChildren(args, args);
          await Promise.all(children.map((c) => c.finished));
          const [a, b] = children.map((c) => c.lines.map((line) => JSON.parse(line) as { seq: number; id: string; replayed: boolean }));
          for (let i = 0; i < 100; i += 2) {
            assert.equal(a![i]!.id, b![i]!.id, `key order-${i}`);
            assert.equal(Number(a![i]!.replayed) + Number(b![i]!.replayed), 1, `key order-${i} recorded once`);
          }
          const recorded = [...a!, ...b!].filter((r) => !r.replayed).map((r) => r.seq);
          assert.deepEqual(
            recorded.sort((x, y) => x - y),
            Array.from({ length: 150 }, (_, i) => i + 1),
          );
          const verification = await store.verifyLedger();
          assert.equal(verification.ok, true, JSON.stringify(verification));
          assert.equal(verification.entries, 150);
        });
      });

      it('every acknowledged decision survives SIGKILL of the writer', CHILD_TIMEOUT, async () => {
        const [writer] = await startChildren(['append-forever', db.target, 'crash-test']);
        await writer!.printed(40);
        writer!.kill();
        await writer!.finished;
        const acknowledged = writer!.lines.map((line) => line.split(' ') as [string, string]);
        assert.ok(acknowledged.length >= 40);
        const reopened = await openStore(db.target);
        try {
          const verification = await reopened.verifyLedger();
          assert.equal(verification.ok, true, JSON.stringify(verification));
          assert.ok(verification.entries >= acknowledged.length, `${verification.entries} entries, ${acknowledged.length} acknowledged`);
          for (const [seq, id] of acknowledged) assert.equal((await reopened.getDecision(id))?.seq, Number(seq), `seq ${seq}`);
        } finally {
          await reopened.close();
        }
      });
    });

    describe('decision queries', () => {
      let ids: string[];
      beforeEach(async () => {
        const rows: Partial<DecisionInput>[] = [
          { verdict: 'allowed', chip: 'nvidia-h20', parties: ['ACME Corp', 'Beta GmbH'] },
          { verdict: 'denied', chip: 'nvidia-h100', parties: ['Zhang 100% Trading'] },
          { verdict: 'allowed', chip: 'nvidia-h100', kind: 'screen', parties: ['MÜLLER AG'] },
          { verdict: 'insufficient_data', kind: 'classify' },
          { verdict: 'allowed', chip: 'nvidia-h20', parties: ['acme_corp holdings'] },
        ];
        ids = [];
        for (const [i, over] of rows.entries()) ids.push((await store.appendDecision(decision({ input: { order: i }, ...over }))).entry.id);
      });
      /** The 1-based positions (in append order) of the decisions a query returns, newest first. */
      const found = async (query: Parameters<Store['listDecisions']>[0]) =>
        (await store.listDecisions(query)).entries.map((e) => ids.indexOf(e.id) + 1);

      it('lists newest first and filters by verdict, chip and kind', async () => {
        assert.deepEqual(await found({}), [5, 4, 3, 2, 1]);
        assert.deepEqual(await found({ verdict: 'allowed' }), [5, 3, 1]);
        assert.deepEqual(await found({ chip: 'nvidia-h100' }), [3, 2]);
        assert.deepEqual(await found({ kind: 'check' }), [5, 2, 1]);
        assert.deepEqual(await found({ verdict: 'allowed', chip: 'nvidia-h20' }), [5, 1]);
        assert.deepEqual(await found({ verdict: 'nothing' }), []);
      });
      it('filters by a case-insensitive substring of a party name, with % and _ taken literally', async () => {
        assert.deepEqual(await found({ party: 'acme' }), [5, 1]);
        assert.deepEqual(await found({ party: 'GMBH' }), [1]);
        assert.deepEqual(await found({ party: 'müller' }), [3]);
        assert.deepEqual(await found({ party: '100%' }), [2]);
        assert.deepEqual(await found({ party: '%' }), [2]);
        assert.deepEqual(await found({ party: '_' }), [5]);
      });
      it('filters by the UTC date recorded, both ends included', async () => {
        const today = todayIso();
        assert.deepEqual(await found({ from: today, to: today }), [5, 4, 3, 2, 1]);
        assert.deepEqual(await found({ to: addDays(today, -1) }), []);
        assert.deepEqual(await found({ from: addDays(today, 1) }), []);
      });
      it('pages with a cursor', async () => {
        const first = await store.listDecisions({ limit: 2 });
        assert.deepEqual(first.entries.map((e) => e.id), [ids[4], ids[3]]);
        const second = await store.listDecisions({ limit: 2, cursor: first.next_cursor! });
        assert.deepEqual(second.entries.map((e) => e.id), [ids[2], ids[1]]);
        const last = await store.listDecisions({ limit: 2, cursor: second.next_cursor! });
        assert.deepEqual(last.entries.map((e) => e.id), [ids[0]]);
        assert.equal(last.next_cursor, null);
      });
      it('refuses malformed queries', async () => {
        await rejectsOn(store.listDecisions({ from: '2025-13-01' }), 'from');
        await rejectsOn(store.listDecisions({ from: '2025-06-02', to: '2025-06-01' }), 'from');
        await rejectsOn(store.listDecisions({ limit: 0 }), 'limit');
        await rejectsOn(store.listDecisions({ cursor: 'abc' }), 'cursor');
      });
    });

    describe('obligations', () => {
      it('sums per quarter, payee and kind, exactly, with the decisions behind each figure', async () => {
        const share = (amount_usd: number, on_date: string) => ({ kind: 'revenue_share' as const, payee: 'US Government', percent: 15, amount_usd, on_date });
        const append = async (obligations: DecisionInput['obligations'], idempotency_key?: string) =>
          (await store.appendDecision(decision({ obligations, idempotency_key }))).entry.id;
        const a = await append([share(150_000.1, '2025-07-15'), { kind: 'tariff', payee: 'US Customs', percent: 25, amount_usd: 1000, on_date: '2025-07-15' }]);
        const b = await append([share(0.2, '2025-09-30')], 'retried');
        await append([share(0.2, '2025-09-30')], 'retried');
        const c = await append([share(10, '2025-10-01')]);
        const d = await append([{ kind: 'notification', payee: 'BIS', on_date: '2025-08-01' }]);
        await append([share(99, '2024-12-31')]);
        assert.deepEqual(await store.sumObligations('2025-01-01', '2025-12-31'), [
          { quarter: '2025-Q3', payee: 'BIS', kind: 'notification', amount_usd: 0, obligations: 1, decision_ids: [d] },
          { quarter: '2025-Q3', payee: 'US Customs', kind: 'tariff', amount_usd: 1000, obligations: 1, decision_ids: [a] },
          { quarter: '2025-Q3', payee: 'US Government', kind: 'revenue_share', amount_usd: 150_000.3, obligations: 2, decision_ids: [a, b] },
          { quarter: '2025-Q4', payee: 'US Government', kind: 'revenue_share', amount_usd: 10, obligations: 1, decision_ids: [c] },
        ]);
        assert.deepEqual(await store.sumObligations('2025-10-01', '2025-10-01'), [
          { quarter: '2025-Q4', payee: 'US Government', kind: 'revenue_share', amount_usd: 10, obligations: 1, decision_ids: [c] },
        ]);
        await rejectsOn(store.sumObligations('2025-12-31', '2025-01-01'), 'from');
        await rejectsOn(store.sumObligations('2025-01-01', 'soon'), 'to');
      });
    });

    describe('API keys', () => {
      it('creates keys shown once, stores only their hash, and authenticates them', async () => {
        assert.equal(await store.hasAnyAdminKey(), false);
        const analyst = await store.createApiKey('analyst', 'order desk');
        const admin = await store.createApiKey('admin');
        assert.match(analyst.key, /^chl_[A-Za-z0-9_-]{43}$/);
        assert.equal(await store.hasAnyAdminKey(), true);
        assert.deepEqual(await store.authenticate(analyst.key), { id: analyst.id, role: 'analyst', label: 'order desk' });
        assert.deepEqual(await store.authenticate(admin.key), { id: admin.id, role: 'admin', label: null });
        const listed = await store.listApiKeys();
        assert.deepEqual(listed.map((k) => k.id).sort(), [analyst.id, admin.id].sort());
        assert.ok(listed.every((k) => !('key' in k) && !('key_hash' in k)));
        const rows = await db.query('select * from api_key');
        assert.ok(!JSON.stringify(rows).includes(analyst.key.slice(4)), 'no plaintext key is stored');
        const sha256 = createHash('sha256').update(analyst.key).digest('hex');
        assert.ok(rows.some((r) => r.key_hash === sha256));
      });
      it('refuses unknown, malformed and revoked keys', async () => {
        const viewer = await store.createApiKey('viewer');
        const admin = await store.createApiKey('admin');
        assert.equal(await store.authenticate(`${viewer.key.slice(0, -1)}${viewer.key.endsWith('A') ? 'B' : 'A'}`), null);
        assert.equal(await store.authenticate(''), null);
        assert.equal(await store.authenticate('chl_short'), null);
        assert.equal(await store.revokeApiKey(viewer.id), true);
        assert.equal(await store.revokeApiKey(viewer.id), false);
        assert.equal(await store.revokeApiKey('no-such-key'), false);
        assert.equal(await store.authenticate(viewer.key), null);
        assert.ok((await store.listApiKeys()).find((k) => k.id === viewer.id)?.revoked_at);
        await store.revokeApiKey(admin.id);
        assert.equal(await store.hasAnyAdminKey(), false);
        await rejectsOn(store.createApiKey('root' as 'admin'), 'role');
      });
    });

    describe('licences', () => {
      it('creates, reads and lists licences; a taken number is a conflict', async () => {
        const created = await store.createLicence(licence());
        assert.deepEqual(await store.getLicence('L-2025-0001'), created);
        assert.deepEqual(created.conditions, [{ kind: 'revenue_share', percent: 15, payee: 'US Government' }]);
        assert.deepEqual([created.quantity_remaining, created.value_remaining_usd, created.quantity_used], [100, 1_000_000, 0]);
        await store.createLicence(licence({ licence_number: 'L-2025-0000', quantity_limit: null }));
        assert.deepEqual((await store.listLicences()).map((l) => l.licence_number), ['L-2025-0000', 'L-2025-0001']);
        await rejectsOn(store.createLicence(licence()), 'licence_number', ConflictError);
        assert.equal(await store.getLicence('L-none'), null);
      });
      it('refuses malformed licences', async () => {
        await rejectsOn(store.createLicence(licence({ destination: 'cn' })), 'destination');
        await rejectsOn(store.createLicence(licence({ valid_from: '2026-01-01' })), 'valid_from');
        await rejectsOn(store.createLicence(licence({ quantity_limit: undefined as unknown as null })), 'quantity_limit');
        await rejectsOn(store.createLicence(licence({ quantity_limit: 1.5 })), 'quantity_limit');
        await rejectsOn(store.createLicence(licence({ value_limit_usd: 10.005 })), 'value_limit_usd');
        await rejectsOn(store.createLicence(licence({ chips: [] })), 'chips');
        await rejectsOn(store.createLicence(licence({ conditions: [{ percent: 15 } as never] })), 'conditions[0].kind');
        await rejectsOn(store.createLicence(licence({ conditions: [{ kind: 'bogus' }] })), 'conditions[0].kind');
        await rejectsOn(store.createLicence(licence({ conditions: [{ kind: 'revenue_share', percent: 900 }] })), 'conditions[0].percent');
        assert.deepEqual(await store.listLicences(), []);
      });
      it('records shipments against what is left and refuses over-use, recording nothing', async () => {
        await store.createLicence(licence({ quantity_limit: 10, value_limit_usd: 1000 }));
        const { entry } = await store.appendDecision(decision());
        const shipped = await store.recordShipment('L-2025-0001', { quantity: 6, value_usd: 600.5, decision_id: entry.id, shipped_on: '2025-03-01' });
        assert.equal(shipped.shipment.decision_id, entry.id);
        assert.deepEqual(shipped.balance, {
          licence_number: 'L-2025-0001',
          quantity_limit: 10,
          quantity_used: 6,
          quantity_remaining: 4,
          value_limit_usd: 1000,
          value_used_usd: 600.5,
          value_remaining_usd: 399.5,
        });
        const refused = async (shipment: Parameters<Store['recordShipment']>[1], reason: string) =>
          assert.rejects(store.recordShipment('L-2025-0001', shipment), (error: unknown) => {
            assert.ok(error instanceof ShipmentRefusedError);
            assert.equal(error.reason, reason);
            assert.deepEqual(error.remaining, { quantity: 4, value_usd: 399.5 });
            return true;
          });
        await refused({ quantity: 5, value_usd: 1, shipped_on: '2025-03-02' }, 'quantity_exceeded');
        await refused({ quantity: 1, value_usd: 399.51, shipped_on: '2025-03-02' }, 'value_exceeded');
        await refused({ quantity: 1, value_usd: 1, shipped_on: '2026-01-01' }, 'outside_validity');
        await rejectsOn(store.recordShipment('L-none', { quantity: 1, value_usd: 1, shipped_on: '2025-03-02' }), 'licence_number', NotFoundError);
        await rejectsOn(store.recordShipment('L-2025-0001', { quantity: 1, value_usd: 1, shipped_on: '2025-03-02', decision_id: 'nope' }), 'decision_id', NotFoundError);
        await rejectsOn(store.recordShipment('L-2025-0001', { quantity: 0, value_usd: 1, shipped_on: '2025-03-02' }), 'quantity');
        assert.deepEqual(await store.remaining('L-2025-0001'), shipped.balance);
        await store.recordShipment('L-2025-0001', { quantity: 4, value_usd: 399.5, shipped_on: '2025-12-31' });
        assert.equal((await store.remaining('L-2025-0001')).quantity_remaining, 0);
        assert.deepEqual((await store.listShipments('L-2025-0001')).map((s) => s.quantity), [6, 4]);
        await rejectsOn(store.remaining('L-none'), 'licence_number', NotFoundError);
      });
      it('shipments racing on one store cannot exceed the limit', async () => {
        await store.createLicence(licence({ quantity_limit: 7, value_limit_usd: null }));
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, () => store.recordShipment('L-2025-0001', { quantity: 1, value_usd: 1, shipped_on: '2025-06-01' })),
        );
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 7);
        assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason instanceof ShipmentRefusedError));
        assert.equal((await store.remaining('L-2025-0001')).quantity_remaining, 0);
      });
      it('shipments racing from two processes cannot exceed the limit', CHILD_TIMEOUT, async () => {
        await store.createLicence(licence({ quantity_limit: 15 }));
        const children = await startChildren(['ship', db.target, 'L-2025-0001', '10'], ['ship', db.target, 'L-2025-0001', '10']);
        await Promise.all(children.map((c) => c.finished));
        const outcomes = children.flatMap((c) => c.lines);
        assert.equal(outcomes.filter((o) => o === 'shipped').length, 15);
        assert.equal(outcomes.filter((o) => o === 'refused').length, 5);
        const balance = await store.remaining('L-2025-0001');
        assert.deepEqual([balance.quantity_used, balance.quantity_remaining, balance.value_used_usd], [15, 0, 15]);
        assert.equal((await store.listShipments('L-2025-0001')).length, 15);
      });
    });

    describe('screening-list versions', () => {
      const version = (hashChar: string, entries: unknown = [{ name: 'Example Entity', list: 'Entity List' }]) => ({
        content_hash: hashChar.repeat(64),
        source_date: '2025-06-01',
        format: 'csl-csv',
        counts: { 'Entity List': 1 },
        entries,
      });
      it('saves a version once: re-importing the same content changes nothing', async () => {
        assert.equal(await store.latestListVersion(), null);
        const first = await store.saveListVersion(version('1'));
        assert.equal(first.created, true);
        const again = await store.saveListVersion(version('1', []));
        assert.deepEqual(again, { version: first.version, created: false });
        assert.deepEqual((await store.getListVersion('1'.repeat(64)))?.entries, [{ name: 'Example Entity', list: 'Entity List' }]);
        assert.equal((await store.listVersions()).length, 1);
      });
      it('the latest is the one imported last', async () => {
        await store.saveListVersion(version('2'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.saveListVersion({ ...version('3', { sdn: [] }), source_date: null });
        const latest = await store.latestListVersion();
        assert.equal(latest?.content_hash, '3'.repeat(64));
        assert.deepEqual(latest?.entries, { sdn: [] });
        assert.equal(latest?.source_date, null);
        assert.deepEqual((await store.listVersions()).map((v) => v.content_hash[0]), ['3', '2']);
        assert.equal(await store.getListVersion('f'.repeat(64)), null);
      });
      it('refuses a malformed version', async () => {
        await rejectsOn(store.saveListVersion(version('X')), 'content_hash');
        await rejectsOn(store.saveListVersion({ ...version('4'), counts: { sdn: -1 } }), 'counts.sdn');
        await rejectsOn(store.saveListVersion({ ...version('4'), source_date: '06/01/2025' }), 'source_date');
      });
    });
  });
}
