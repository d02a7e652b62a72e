import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { serveChiplaw, type ServedChiplaw } from './helpers/web-server.js';
import { postgresReachable, postgresTargets } from './helpers/store-targets.js';

const order = (i: number) => ({ chip: 'nvidia-h20', to: 'CN', on: '2025-09-01', qty: 1 + (i % 50), unit_price: 12000, buyer: `Customer ${i % 7} Ltd`, buyer_hq: 'CN' });

async function check(server: { url: string }, key: string, body: unknown, idempotencyKey?: string) {
  const res = await fetch(`${server.url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ledger: { id: string; seq: number } } };
}

async function verify(server: { url: string }, key: string) {
  return (await (await fetch(`${server.url}/v1/ledger/verify`, { headers: { authorization: `Bearer ${key}` } })).json()) as { ok: boolean; entries: number };
}

describe('chiplaw serve as real processes', () => {
  const running: ServedChiplaw[] = [];
  after(async () => {
    await Promise.all(running.map((s) => s.stop()));
  });

  it('SIGKILL in the middle of a batch loses no acknowledged decision and leaves a valid chain', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'chiplaw-kill-')), 'chiplaw.sqlite');
    const first = await serveChiplaw(db);
    running.push(first);
    const acknowledged: string[] = [];
    const inFlight = new Set<Promise<void>>();
    let killed = false;
    for (let i = 0; i < 400 && !killed; i++) {
      const p = check(first, first.adminKey, order(i))
        .then((r) => {
          if (r.status === 200) acknowledged.push(r.body.ledger.id);
        })
        .catch(() => undefined)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 8) await Promise.race(inFlight);
      if (acknowledged.length >= 60 && !killed) {
        first.kill('SIGKILL');
        killed = true;
      }
    }
    await Promise.allSettled(inFlight);
    assert.ok(killed, 'the server was killed mid-batch');

    const restarted = await serveChiplaw(db, { expectAdminKey: false });
    running.push(restarted);
    const result = await verify(restarted, first.adminKey);
    assert.equal(result.ok, true);
    for (const id of acknowledged) {
      const res = await fetch(`${restarted.url}/v1/decisions/${id}`, { headers: { authorization: `Bearer ${first.adminKey}` } });
      assert.equal(res.status, 200, `acknowledged decision ${id} is in the ledger after the restart`);
    }
    assert.ok(result.entries >= acknowledged.length);
  });

  it('two servers on one PostgreSQL keep one valid chain', async (t) => {
    if (!(await postgresReachable())) {
      if (process.env.CI) assert.fail('PostgreSQL is not reachable on 127.0.0.1:5432');
      t.skip('PostgreSQL is not reachable on 127.0.0.1:5432 (set CI to make this a failure)');
      return;
    }
    const { newTarget, closeAdmin } = postgresTargets();
    const target = await newTarget();
    try {
      const a = await serveChiplaw(target.target);
      running.push(a);
      const b = await serveChiplaw(target.target, { expectAdminKey: false });
      running.push(b);
      const per = 60;
      const results = await Promise.all(
        Array.from({ length: per * 2 }, (_, i) => check(i % 2 === 0 ? a : b, a.adminKey, order(i), i % 10 === 0 ? `retry-${i}` : undefined)),
      );
      assert.ok(results.every((r) => r.status === 200));
      // Retries of keyed requests, sent to the other server, replay the first answer.
      const retries = await Promise.all(results.map((r, i) => (i % 10 === 0 ? check(i % 2 === 0 ? b : a, a.adminKey, order(i), `retry-${i}`) : null)));
      retries.forEach((r, i) => r && assert.equal(r.body.ledger.id, results[i]!.body.ledger.id));
      const seqs = results.map((r) => r.body.ledger.seq).sort((x, y) => x - y);
      assert.equal(new Set(seqs).size, seqs.length, 'every decision got its own place in the chain');
      const result = await verify(b, a.adminKey);
      assert.equal(result.ok, true);
      assert.ok(result.entries >= per * 2);
      await a.stop();
      await b.stop();
    } finally {
      await target.dispose();
      await closeAdmin();
    }
  });
});
