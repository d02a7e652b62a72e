import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { bearer, startTestApi, type TestApi } from './helpers/api.js';
import { postgresReachable, postgresTargets, type StoreTarget } from './helpers/store-targets.js';

let api: TestApi;

const h20China = { chip: 'nvidia-h20', to: 'CN', on: '2025-09-01', qty: 100, unit_price: 12000, buyer: 'Example Compute Ltd', buyer_hq: 'CN' };

async function post(url: string, key: string | null, body: unknown, headers: Record<string, string> = {}) {
  return api.app.inject({ method: 'POST', url, headers: { ...(key ? bearer(key) : {}), 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}
async function get(url: string, key: string | null = api.viewer) {
  return api.app.inject({ method: 'GET', url, headers: key ? bearer(key) : {} });
}

/** The whole suite, once per store: every endpoint is exercised on SQLite and on PostgreSQL. */
function apiSuite(kind: 'sqlite' | 'postgres') {
describe(`HTTP API on ${kind}`, () => {
  let target: StoreTarget | undefined;
  let closeAdmin: (() => Promise<void>) | undefined;
  before(async () => {
    if (kind === 'sqlite') {
      api = await startTestApi();
      return;
    }
    const targets = postgresTargets();
    closeAdmin = targets.closeAdmin;
    target = await targets.newTarget();
    api = await startTestApi(target.target);
  });
  after(async () => {
    await api?.close();
    await target?.dispose();
    await closeAdmin?.();
  });
  it('health, OpenAPI and docs are served', async () => {
    assert.equal((await get('/healthz', null)).json().status, 'ok');
    const spec = (await get('/openapi.json', null)).json();
    assert.equal(spec.openapi, '3.0.3');
    for (const path of ['/v1/check', '/v1/check/batch', '/v1/screen', '/v1/screen/batch', '/v1/chips', '/v1/rules/diff', '/v1/lists/import', '/v1/licences', '/v1/decisions', '/v1/ledger/verify', '/v1/obligations', '/v1/keys']) {
      assert.ok(spec.paths[path], `OpenAPI documents ${path}`);
    }
    const docs = await get('/docs/', null);
    assert.equal(docs.statusCode, 200);
  });

  it('refuses requests without a valid key (401) and below the role (403)', async () => {
    const none = await post('/v1/check', null, h20China);
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal((await post('/v1/check', 'chl_not_a_real_key', h20China)).statusCode, 401);
    assert.equal((await post('/v1/check', api.viewer, h20China)).statusCode, 403);
    assert.equal((await post('/v1/keys', api.analyst, { role: 'admin' })).statusCode, 403);
    assert.equal((await get('/v1/keys', api.viewer)).statusCode, 403);
  });

  it('decides an order, records it in the ledger, and replays an idempotent retry', async () => {
    const first = await post('/v1/check', api.analyst, h20China, { 'idempotency-key': 'order-42' });
    assert.equal(first.statusCode, 200, first.body);
    const body = first.json();
    assert.equal(body.decision.verdict, 'licence_required');
    assert.ok(body.decision.obligations.some((o: { kind: string; amount_usd: number }) => o.kind === 'revenue_share' && o.amount_usd === 180000));
    assert.equal(body.ledger.replayed, false);
    const retry = (await post('/v1/check', api.analyst, h20China, { 'idempotency-key': 'order-42' })).json();
    assert.equal(retry.ledger.id, body.ledger.id);
    assert.equal(retry.ledger.replayed, true);
    assert.deepEqual(retry.decision, body.decision);
    const reuse = await post('/v1/check', api.analyst, { ...h20China, qty: 5 }, { 'idempotency-key': 'order-42' });
    assert.equal(reuse.statusCode, 409);
    const entry = (await get(`/v1/decisions/${body.ledger.id}`)).json();
    assert.equal(entry.kind, 'check');
    assert.equal(entry.verdict, 'licence_required');
    assert.match(entry.caller, /^key:/);
    assert.equal(entry.ruleset_hash, body.decision.ruleset.hash);
    assert.ok(entry.list_versions.csl);
  });

  it('decides a batch, with a problem per bad order', async () => {
    const r = await post('/v1/check/batch', api.analyst, { orders: [h20China, { ...h20China, to: 'XX' }, { chip: 'nvidia-l40', to: 'AE', on: '2024-06-01', buyer: 'Gulf AI LLC', buyer_hq: 'AE' }] });
    assert.equal(r.statusCode, 200, r.body);
    const results = r.json().results;
    assert.equal(results[0].decision.verdict, 'licence_required');
    assert.match(results[1].error.detail, /orders\.1\.to: "XX" is not an ISO 3166/);
    assert.equal(results[2].decision.export.exception, 'ACA');
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...h20China, to: 'XX' }, /order\.to/],
      [{ ...h20China, qty: -5 }, /qty/],
      [{ ...h20China, qty: '5' }, /qty/],
      [{ ...h20China, on: '2025-02-30' }, /order\.on: must be a real date/],
      [{ ...h20China, chip: 'nvidia-h999' }, /unknown chip id "nvidia-h999"/],
      [{ ...h20China, surprise: true }, /surprise/],
      ['{"chip": "nvidia-h20", ', /malformed JSON/],
      [{ to: 'CN' }, /exactly one of chip or spec|chip/],
    ];
    for (const [body, message] of cases) {
      const r = await post('/v1/check', api.analyst, body);
      assert.equal(r.statusCode, 400, `${JSON.stringify(body)} -> ${r.body}`);
      const problem = r.json();
      assert.equal(problem.status, 400);
      assert.match(problem.detail, message);
      assert.ok(problem.field, `names the field for ${JSON.stringify(body)}`);
    }
    const asText = await post('/v1/check', api.analyst, h20China, { 'content-type': 'text/plain' });
    assert.equal(asText.statusCode, 415, asText.body);
    assert.equal(asText.json().field, 'content-type');
    const overflowing = await post('/v1/check', api.analyst, { spec: { name: 'typo', dense_tops: { fp16: 1.7e308 } }, to: 'CN', on: '2025-06-01' });
    assert.equal(overflowing.statusCode, 400, overflowing.body);
    assert.equal(overflowing.json().field, 'order.spec.dense_tops.fp16');
    const unknownList = await post('/v1/screen', api.analyst, { name: 'Huawei', lists: ['ELL'] });
    assert.equal(unknownList.statusCode, 400, unknownList.body);
    assert.equal(unknownList.json().field, 'lists');
    const badCondition = await post('/v1/licences', api.admin, { licence_number: 'D0000099', holder: 'NVIDIA Corporation', chips: ['nvidia-h20'], destination: 'CN', consignee: 'X', conditions: [{ kind: 'revenue_share', percent: 900 }], valid_from: '2025-08-08', valid_to: '2026-08-07' });
    assert.equal(badCondition.statusCode, 400, badCondition.body);
    const batch = await post('/v1/screen/batch', api.analyst, { queries: [{ name: 'Huawei Technologies' }, { name: '  ' }] });
    assert.equal(batch.statusCode, 200, batch.body);
    const [found, blank] = batch.json().results;
    assert.ok(found.matches.length > 0);
    assert.equal(blank.error.field, 'queries.1.name');
    const huge = await post('/v1/check', api.analyst, { ...h20China, end_use: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal(huge.statusCode, 400);
    assert.equal(huge.json().field, 'body');
  });

  it('screens a Chinese-character name', async () => {
    const r = await post('/v1/screen', api.analyst, { name: '华为技术有限公司', country: 'CN' });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.json().matches.some((m: { name: string; list: string }) => /Huawei/i.test(m.name) && m.list === 'EL'));
  });

  it('keeps licences: a shipment decrements what is left and an over-use is refused', async () => {
    const licence = { licence_number: 'D0000042', holder: 'NVIDIA Corporation', chips: ['nvidia-h20'], destination: 'CN', consignee: 'Example Compute Ltd', quantity_limit: 100, value_limit_usd: null, conditions: [{ kind: 'revenue_share', percent: 15, payee: 'US Government' }], valid_from: '2025-08-08', valid_to: '2026-08-07' };
    assert.equal((await post('/v1/licences', api.analyst, licence)).statusCode, 403);
    const created = await post('/v1/licences', api.admin, licence);
    assert.equal(created.statusCode, 200, created.body);
    const covered = (await post('/v1/check', api.analyst, { ...h20China, qty: 60, seller: 'NVIDIA Corporation' })).json();
    assert.equal(covered.decision.verdict, 'allowed_with_conditions');
    assert.equal(covered.decision.export.licence.number, 'D0000042');
    const ship = await post('/v1/licences/D0000042/shipments', api.admin, { quantity: 60, value_usd: 720000, shipped_on: '2025-09-02', decision_id: covered.ledger.id });
    assert.equal(ship.statusCode, 200, ship.body);
    assert.equal(ship.json().balance.quantity_remaining, 40);
    const over = await post('/v1/licences/D0000042/shipments', api.admin, { quantity: 41, value_usd: 1, shipped_on: '2025-09-03' });
    assert.equal(over.statusCode, 409);
    const notCovered = (await post('/v1/check', api.analyst, { ...h20China, qty: 41, seller: 'NVIDIA Corporation' })).json();
    assert.equal(notCovered.decision.verdict, 'licence_required');
  });

  it('sums obligations by quarter with the decisions behind them', async () => {
    const r = (await get('/v1/obligations?from=2025-07-01&to=2025-09-30')).json();
    const share = r.totals.find((t: { kind: string; quarter: string }) => t.kind === 'revenue_share' && t.quarter === '2025-Q3');
    assert.ok(share, JSON.stringify(r));
    assert.ok(share.amount_usd >= 180000);
    assert.ok(share.decision_ids.length >= 1);
  });

  it('filters decisions and verifies the ledger', async () => {
    const list = (await get('/v1/decisions?verdict=licence_required&chip=nvidia-h20&limit=5')).json();
    assert.ok(list.entries.length >= 1);
    assert.ok(list.entries.every((e: { verdict: string }) => e.verdict === 'licence_required'));
    const verify = (await get('/v1/ledger/verify')).json();
    assert.equal(verify.ok, true);
    assert.ok(verify.entries >= 3);
  });

  it('serves chips, rules at a date and the diff between dates', async () => {
    const chips = (await get('/v1/chips?on=2023-11-17')).json();
    assert.equal(chips.find((c: { chip: string }) => c.chip === 'nvidia-a800-sxm4-80gb').eccn, '3A090.a');
    const chip = (await get('/v1/chips/nvidia-a800-sxm4-80gb')).json();
    assert.deepEqual(chip.history.map((h: { status: string }) => h.status), ['not_controlled', 'not_controlled', 'controlled', 'controlled']);
    const diff = (await get('/v1/rules/diff?from=2025-05-01&to=2025-09-01')).json();
    assert.ok(diff.added.some((r: { id: string }) => r.id === 'us-h20-licensing-2025-08.revenue-share'));
    assert.equal((await get('/v1/rules?on=2025-02-30')).statusCode, 400);
  });

  it('exchanges the one-time sign-in token for an admin key, once', async () => {
    const r = await post('/v1/session', null, { token: api.signInToken });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().role, 'admin');
    assert.equal((await get('/v1/me', r.json().key)).json().role, 'admin');
    assert.equal((await post('/v1/session', null, { token: api.signInToken })).statusCode, 401);
  });

  it('responses match the schemas published in OpenAPI', async () => {
    const spec = (await get('/openapi.json', null)).json();
    const ajv = new Ajv({ strict: false });
    const samples: [string, string, unknown][] = [
      ['/v1/check', 'post', (await post('/v1/check', api.analyst, h20China)).json()],
      ['/v1/chips', 'get', (await get('/v1/chips')).json()],
      ['/v1/decisions', 'get', (await get('/v1/decisions')).json()],
    ];
    for (const [path, method, body] of samples) {
      const schema = spec.paths[path][method].responses['200'].content['application/json'].schema;
      assert.ok(ajv.validate(schema, body), `${method} ${path}: ${ajv.errorsText()}`);
    }
  });

  it('never answers 5xx to malformed bodies (fuzz)', async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const atoms: unknown[] = [null, true, -1, 0, 1e308, 'x', '', 'CN', '2025-09-01', [], {}, [1, 'a'], { a: { b: [] } }, '\u0000', '華為'];
    const pick = () => atoms[Math.floor(rand() * atoms.length)];
    const keys = ['chip', 'spec', 'to', 'qty', 'unit_price', 'buyer', 'buyer_hq', 'on', 'name', 'orders', 'queries', 'role', 'licence_number', 'token'];
    const routes = ['/v1/check', '/v1/check/batch', '/v1/screen', '/v1/screen/batch', '/v1/classify', '/v1/licences', '/v1/keys', '/v1/lists/import', '/v1/session'];
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = {};
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) body[keys[Math.floor(rand() * keys.length)]!] = pick();
      const raw = rand() < 0.15 ? JSON.stringify(body).slice(0, Math.floor(rand() * 20)) : JSON.stringify(rand() < 0.1 ? pick() : body);
      const r = await post(routes[i % routes.length]!, api.admin, raw);
      assert.ok(r.statusCode < 500, `${routes[i % routes.length]} ${raw} -> ${r.statusCode} ${r.body}`);
    }
    assert.equal((await get('/v1/ledger/verify')).json().ok, true);
  });
});
}

apiSuite('sqlite');
if (await postgresReachable()) apiSuite('postgres');
else if (process.env.CI) throw new Error('PostgreSQL is not reachable on 127.0.0.1:5432');
else describe('HTTP API on postgres', { skip: 'PostgreSQL is not reachable on 127.0.0.1:5432 (set CI to make this a failure)' }, () => {});
