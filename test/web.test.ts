import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenQueriesFromCsv } from '../web/src/lib/csv.js';
import { formFromQuery, orderFromForm, queryFromForm } from '../web/src/lib/order.js';
import { regionsOf, versionInForce } from '../web/src/lib/thresholds.js';
import type { EccnVersion } from '../web/src/lib/types.js';
import { whatIfDates } from '../web/src/lib/what-if.js';
import { ROOT } from './helpers/cli.js';
import { chromiumAvailable, CHROMIUM, launchChromium, screenshot, watchedPage, type WatchedPage } from './helpers/web-browser.js';
import { serveChiplaw, type ServedChiplaw } from './helpers/web-server.js';

// The dashboard against a real `chiplaw serve` (built CLI, fresh SQLite file) in Debian's Chromium. Each test
// leaves the screenshot of its page in test-artifacts/screenshots/ and fails on any console error.

const A800 = 'nvidia-a800-sxm4-80gb';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** Evaluated in the page: how many pixels the document is wider than the viewport (> 0 means sideways scrolling). */
const PAGE_OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

function missingPrerequisite(): string | null {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) return 'dist/cli/main.js is missing: run npm run build';
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return 'web/dist/index.html is missing: run npm run build:web';
  if (!chromiumAvailable()) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  return null;
}

const missing = missingPrerequisite();
// In CI a missing browser or build is a failure; on a developer machine the suite says why it did not run.
if (missing && !process.env.CI) console.log(`# web dashboard tests skipped: ${missing}`);

describe('web dashboard in a real browser', { skip: missing && !process.env.CI ? missing : false }, () => {
  let server: ServedChiplaw;
  let browser: Browser;
  let admin: BrowserContext;
  let tab: WatchedPage;
  let dir: string;

  const api = async (path: string, key: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${key}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** Opens a route and waits for what shows it has loaded. */
  const open = async (page: Page, route: string, ready: string) => {
    await page.goto(`${server.url}/#/${route}`);
    await page.locator(ready).first().waitFor({ state: 'visible' });
  };

  const assertNoConsoleErrors = (w: WatchedPage) => assert.deepEqual(w.takeErrors(), [], 'console errors on the page');

  before(async () => {
    assert.equal(missing, null, missing ?? '');
    dir = mkdtempSync(join(tmpdir(), 'chiplaw-web-'));
    server = await serveChiplaw(join(dir, 'chiplaw.sqlite'));
    browser = await launchChromium();
    admin = await browser.newContext({ viewport: DESKTOP });
    tab = await watchedPage(admin);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the one-time link as admin and lands on the Chips page', async () => {
    await tab.page.goto(server.signInUrl);
    await tab.page.waitForURL(/#\/chips/);
    await tab.page.locator(`tr[data-chip="${A800}"]`).waitFor();
    assert.equal(await tab.page.getByTestId('role').textContent(), 'admin');
    assert.doesNotMatch(tab.page.url(), /token=/, 'the spent token is not left in the address bar');
    await tab.page.locator('[data-testid="chips-scatter"] svg[viewBox]').waitFor();
    await screenshot(tab.page, 'chips');
    assertNoConsoleErrors(tab);
  });

  it('draws the 3A090 threshold regions from the rule data the API serves', async () => {
    const { body } = await api('/v1/eccn/3a090', server.adminKey);
    const versions = body as unknown as EccnVersion[];
    assert.equal(versionInForce(versions, '2022-10-06'), null);
    const v2022 = regionsOf(versionInForce(versions, '2023-11-16')!);
    assert.deepEqual(
      v2022.regions.map((r) => [r.test, r.tpp.min, r.pd.min, r.otherConditions]),
      [['3A090.a', 4800, null, ['chip.io_bandwidth_gbps ≥ 600']]],
    );
    const v2023 = regionsOf(versionInForce(versions, '2023-11-17')!);
    assert.deepEqual(
      v2023.regions.map((r) => [r.test, r.tpp.min, r.tpp.max, r.pd.min, r.pd.max]),
      [
        ['3A090.a.1', 4800, null, null, null],
        ['3A090.a.2', 1600, null, 5.92, null],
        ['3A090.b.1', 2400, 4800, 1.6, 5.92],
        ['3A090.b.2', 1600, null, 3.2, 5.92],
      ],
    );
    // 3A090.c (HBM stacks) bounds neither axis: listed under the chart, not drawn.
    assert.deepEqual(regionsOf(versionInForce(versions, '2025-01-01')!).notDrawn.map((t) => t.test), ['3A090.c']);
  });

  it('moving the date slider from 2023-11-16 to 2023-11-17 turns the A800 controlled', async () => {
    const { page } = tab;
    await open(page, 'chips?on=2023-11-16', `tr[data-chip="${A800}"]`);
    const a800 = page.locator(`tr[data-chip="${A800}"] [data-status]`);
    await page.getByTestId('date-output').filter({ hasText: '2023-11-16' }).waitFor();
    await page.locator(`tr[data-chip="${A800}"] [data-status="not_controlled"]`).waitFor();
    assert.match(await page.getByTestId('version-in-force').textContent() ?? '', /87 FR 62186/);

    await page.getByTestId('date-slider').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('date-output').filter({ hasText: '2023-11-17' }).waitFor();
    await page.locator(`tr[data-chip="${A800}"] [data-status="controlled"]`).waitFor();
    assert.equal(await a800.getAttribute('data-eccn'), '3A090.a');
    await page.getByTestId('version-in-force').filter({ hasText: '88 FR 73458' }).waitFor();
    await page.waitForURL(/on=2023-11-17/);
    await screenshot(page, 'chips-2023-11-17');
    assertNoConsoleErrors(tab);
  });

  it('shows a chip with its specs, sources and classification history', async () => {
    const { page } = tab;
    await open(page, `chips/${A800}?on=2023-11-17`, '[data-testid="chip-history"]');
    await page.getByTestId('chip-classification').filter({ hasText: '3A090.a' }).waitFor();
    const history = await page.locator('[data-testid="chip-history"] tbody tr').allTextContents();
    assert.ok(history.some((row) => row.includes('2023-11-17') && row.includes('3A090.a')), history.join(' | '));
    assert.ok(history.some((row) => row.includes('2022-10-07') && row.includes('not controlled')), history.join(' | '));
    assert.ok((await page.locator('.sources li').count()) > 0, 'sources listed');
    await screenshot(page, 'chip');
    assertNoConsoleErrors(tab);
  });

  it('checks an H20 order to China dated 2025-09-01: licence required and the 15% revenue share', async () => {
    const { page } = tab;
    await open(page, 'check', '[data-testid="order-form"]');
    const form = page.getByTestId('order-form');
    await form.locator('select[name="chip"]').selectOption('nvidia-h20');
    await form.locator('#order-to').selectOption('CN');
    await form.locator('input[name="on"]').fill('2025-09-01');
    await form.locator('input[name="qty"]').fill('100');
    await form.locator('input[name="unit_price"]').fill('12000');
    await form.locator('input[name="buyer"]').fill('Example Compute Ltd');
    await form.locator('#order-buyer-hq').selectOption('CN');
    await form.getByRole('button', { name: 'Check the order' }).click();

    const decision = page.getByTestId('decision');
    await decision.waitFor();
    assert.equal(await decision.locator('[data-verdict]').first().getAttribute('data-verdict'), 'licence_required');
    assert.equal(await page.getByTestId('licence-required').textContent(), 'yes');
    const obligations = await page.locator('[data-testid="obligations"] tbody').textContent();
    assert.match(obligations ?? '', /15% revenue share/);
    assert.match(obligations ?? '', /\$180,000/);
    assert.ok((await page.locator('[data-testid="reasons"] tbody tr a[href^="http"]').count()) > 0, 'reasons link their citations');
    // The order is in the URL, so the decision can be shared.
    const url = new URL(page.url().replace('#/', ''));
    assert.equal(url.searchParams.get('chip'), 'nvidia-h20');
    assert.equal(url.searchParams.get('to'), 'CN');
    assert.equal(url.searchParams.get('on'), '2025-09-01');
    // The "what if" timeline decides the same order on other dates.
    const whatIf = page.getByTestId('what-if');
    await whatIf.locator('tbody tr').nth(1).waitFor();
    await whatIf.filter({ hasNotText: 'checking…' }).waitFor();
    assert.ok((await whatIf.locator('[data-verdict]').count()) >= 3, 'several dates decided');
    await screenshot(page, 'check');
    assertNoConsoleErrors(tab);
  });

  it('screens a Chinese-character name and finds the listed party', async () => {
    const { page } = tab;
    await open(page, 'screen', '[data-testid="screen-form"]');
    await page.locator('input[name="name"]').fill('华为技术有限公司');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const matches = page.getByTestId('matches');
    await matches.waitFor();
    const text = (await matches.locator('tbody').textContent()) ?? '';
    assert.match(text, /huawei/i);

    await page.getByTestId('csv-file').setInputFiles({ name: 'parties.csv', mimeType: 'text/csv', buffer: Buffer.from('name,country\n华为技术有限公司,CN\nExample Compute Ltd,CN\n') });
    await page.getByRole('button', { name: 'Screen 2 names' }).click();
    const batch = page.locator('[data-testid="batch-results"] tbody tr');
    await batch.nth(1).waitFor();
    assert.match((await batch.nth(0).textContent()) ?? '', /huawei/i);
    await screenshot(page, 'screen');
    assertNoConsoleErrors(tab);
  });

  it('shows every measure on the timeline, one instrument in detail, and the diff between two dates', async () => {
    const { page } = tab;
    await open(page, 'timeline?from=2023-11-16&to=2023-11-17', '[data-testid="timeline-US"] svg[viewBox]');
    await page.locator('[data-testid="timeline-CN"] svg[viewBox]').waitFor();
    const { body } = await api('/v1/instruments', server.adminKey);
    assert.ok((await page.locator('[data-testid="instruments"] tbody tr').count()) >= (body as unknown as unknown[]).length);
    await page.locator('[data-testid="instruments"]').getByRole('button').first().click();
    await page.getByTestId('instrument-detail').waitFor();
    const diff = page.getByTestId('rules-diff');
    await diff.locator('table').first().waitFor();
    assert.match((await diff.textContent()) ?? '', /In force on 2023-11-17 but not on 2023-11-16 \([1-9]/);
    await screenshot(page, 'timeline');
    assertNoConsoleErrors(tab);
  });

  it('verifies the ledger chain, lists decisions with their full record, and charts obligations by quarter', async () => {
    const { page } = tab;
    await open(page, 'ledger', '[data-testid="chain-status"]');
    const chain = page.getByTestId('chain-status');
    assert.equal(await chain.getAttribute('data-ok'), 'true');
    assert.match((await chain.textContent()) ?? '', /^OK/);
    await page.getByTestId('ledger-entries').waitFor();
    await page.locator('[data-testid="obligations-chart"] svg[viewBox]').waitFor();

    await open(page, 'ledger?kind=check', '[data-testid="ledger-entries"]');
    await page.locator('[data-testid="ledger-entries"] tbody tr a').first().click();
    const entry = page.getByTestId('entry-detail');
    await entry.waitFor();
    await entry.getByTestId('decision').waitFor();
    await screenshot(page, 'ledger');
    assertNoConsoleErrors(tab);
  });

  it('lets an admin record a licence, import a list version and see the API keys', async () => {
    const { page } = tab;
    await open(page, 'admin', '[data-testid="keys"]');
    const licence = page.getByRole('form', { name: 'Record a licence' });
    await page.getByText('Record a licence').click();
    await licence.getByLabel('Licence number').fill('D1234567');
    await licence.getByLabel('Holder (seller)').fill('NVIDIA Corporation');
    await licence.getByLabel('Chips (catalog ids)').fill('nvidia-h20');
    await licence.getByLabel('Destination').fill('CN');
    await licence.getByLabel('Consignee').fill('Example Compute Ltd');
    await licence.getByLabel('Quantity limit').fill('1000');
    await licence.getByLabel('Revenue share (%)').fill('15');
    await licence.getByRole('button', { name: 'Record the licence' }).click();
    const row = page.locator('[data-testid="licences"] tbody tr', { hasText: 'D1234567' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /1,000 of 1,000 left/);

    const lists = page.getByRole('form', { name: 'Import a list' });
    await lists.locator('input[type="file"]').setInputFiles(join(ROOT, 'data', 'lists', 'csl', 'entity_list_sample.csv'));
    await lists.getByRole('button', { name: 'Import' }).click();
    await page.locator('[data-testid="list-versions"] tbody tr').first().waitFor();
    await screenshot(page, 'admin');
    assertNoConsoleErrors(tab);
  });

  it('keeps a viewer away from admin actions, in the dashboard and at the API', async () => {
    const created = await api('/v1/keys', server.adminKey, { method: 'POST', body: { role: 'viewer', label: 'browser test viewer' } });
    assert.equal(created.status, 200);
    const viewerKey = String(created.body.key);

    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const viewer = await watchedPage(context);
      await viewer.page.goto(`${server.url}/#/admin`);
      await viewer.page.getByTestId('signin-form').waitFor();
      await screenshot(viewer.page, 'signin');
      await viewer.page.locator('input[name="key"]').fill(viewerKey);
      await viewer.page.getByRole('button', { name: 'Sign in' }).click();
      assert.equal(await viewer.page.getByTestId('role').textContent(), 'viewer');
      await viewer.page.getByTestId('admin-forbidden').waitFor();
      assert.equal(await viewer.page.getByRole('button', { name: /Create key|Record the licence|Import|Revoke/ }).count(), 0);
      await screenshot(viewer.page, 'admin-viewer');
      // A viewer reads but does not decide: the Check page says so instead of calling the API.
      await open(viewer.page, 'check?chip=nvidia-h20&to=CN&on=2025-09-01', '[data-testid="order-form"]');
      assert.equal(await viewer.page.getByRole('button', { name: 'Check the order' }).isDisabled(), true);
      for (const [route, ready] of [
        ['chips', `tr[data-chip="${A800}"]`],
        ['timeline', '[data-testid="instruments"]'],
        ['ledger', '[data-testid="chain-status"]'],
        ['screen', '[data-testid="screen-form"]'],
      ] as const) {
        await open(viewer.page, route, ready);
      }
      assertNoConsoleErrors(viewer);
    } finally {
      await context.close();
    }

    for (const [method, path, body] of [
      ['POST', '/v1/keys', { role: 'admin' }],
      ['GET', '/v1/keys', undefined],
      ['POST', '/v1/licences', { licence_number: 'X1', holder: 'H', chips: ['nvidia-h20'], destination: 'CN', consignee: 'C', valid_from: '2025-01-01', valid_to: '2026-01-01' }],
      ['POST', '/v1/lists/import', { format: 'csl-csv', content: 'x' }],
      ['POST', '/v1/check', { chip: 'nvidia-h20', to: 'CN' }],
    ] as const) {
      const res = await api(path, viewerKey, { method, body });
      assert.equal(res.status, 403, `${method} ${path} with a viewer key`);
      assert.match(String(res.body.detail), /role/);
    }
  });

  it('is usable on a phone and from the keyboard', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const phone = await watchedPage(context);
      await phone.page.goto(`${server.url}/#/signin`);
      await phone.page.locator('input[name="key"]').fill(server.adminKey);
      await phone.page.getByRole('button', { name: 'Sign in' }).click();
      await phone.page.locator(`tr[data-chip="${A800}"]`).waitFor();
      await phone.page.locator('[data-testid="chips-scatter"] svg[viewBox]').waitFor();
      const overflow = await phone.page.evaluate<number>(PAGE_OVERFLOW);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
      await screenshot(phone.page, 'chips-phone');
      await open(phone.page, 'check?chip=nvidia-h20&to=CN&on=2025-09-01&qty=100&unit_price=12000&buyer_hq=CN', '[data-testid="decision"]');
      assert.ok((await phone.page.evaluate<number>(PAGE_OVERFLOW)) <= 0, 'check page fits the phone');
      await screenshot(phone.page, 'check-phone');
      assertNoConsoleErrors(phone);
    } finally {
      await context.close();
    }

    // Keyboard: the first Tab reaches the skip link, the next ones the sections.
    const { page } = tab;
    await open(page, 'chips', `tr[data-chip="${A800}"]`);
    await page.reload();
    await page.locator(`tr[data-chip="${A800}"]`).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').textContent(), 'Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').textContent(), 'Chips');
  });
});

describe('web dashboard logic', () => {
  it('encodes an order in the URL and reads it back', () => {
    const query = new URLSearchParams('chip=nvidia-h20&to=CN&on=2025-09-01&qty=100&unit_price=12000&buyer_hq=CN&state_funded=1');
    const form = formFromQuery(query, '2026-01-01');
    assert.deepEqual(orderFromForm(form), { chip: 'nvidia-h20', to: 'CN', on: '2025-09-01', qty: 100, unit_price: 12000, buyer_hq: 'CN', state_funded: true });
    assert.deepEqual(new URLSearchParams(queryFromForm(form)).toString(), new URLSearchParams({ chip: 'nvidia-h20', to: 'CN', qty: '100', unit_price: '12000', buyer_hq: 'CN', on: '2025-09-01', state_funded: '1' }).toString());
    const spec = formFromQuery(new URLSearchParams({ spec: JSON.stringify({ name: 'X1', die_area_mm2: 600, dense_tops: { fp8: 700 }, datacenter: true }), to: 'CN' }), '2026-01-01');
    assert.deepEqual(orderFromForm(spec), { spec: { name: 'X1', datacenter: true, die_area_mm2: 600, dense_tops: { fp8: 700 } }, to: 'CN', on: '2026-01-01' });
    // A value that is not a number goes to the server as typed, so its problem names what was wrong.
    assert.equal(orderFromForm({ ...form, qty: 'ten' }).qty, 'ten');
  });

  it('picks the what-if dates where the law around the order changes', () => {
    const instrument = (id: string, jurisdiction: string, effective: string, ends: string | null, rules: string[]) => ({
      id, jurisdiction, title: id, citation: id, url: 'https://example.org', published: null, effective, compliance: null, ends, confidence: 'primary' as const, notEnforcedFrom: null,
      rules: rules.map((r) => ({ id: r, title: r, jurisdiction, instrument: id, effect: 'licence_required', from: effective, to: ends, confidence: 'primary' as const, citation: id, url: 'https://example.org' })),
    });
    const instruments = [
      instrument('us-old', 'US', '2022-10-07', '2023-11-16', ['us-old.r']),
      instrument('us-cited', 'US', '2025-04-09', null, ['us-cited.r']),
      instrument('us-later', 'US', '2026-01-15', null, ['us-later.r']),
      instrument('cn-later', 'CN', '2025-10-10', '2025-12-31', ['cn-later.r']),
      instrument('my-later', 'MY', '2025-11-01', null, ['my-later.r']),
    ];
    const dates = whatIfDates({ on: '2025-09-01', citedRules: ['us-cited.r'], jurisdictions: ['US', 'CN'], instruments, versions: [] });
    assert.deepEqual(dates, [
      { date: '2025-04-08', because: 'before us-cited.r' },
      { date: '2025-10-10', because: 'cn-later takes effect' },
      { date: '2026-01-01', because: 'cn-later has ended' },
      { date: '2026-01-15', because: 'us-later takes effect' },
    ]);
    assert.equal(whatIfDates({ on: '2025-09-01', citedRules: ['us-cited.r'], jurisdictions: ['US', 'CN'], instruments, versions: [], max: 2 }).length, 2);
  });

  it('reads parties to screen from CSV with or without a header', () => {
    assert.deepEqual(screenQueriesFromCsv('country,name\nCN,"Huawei, Ltd."\n,华为技术有限公司\n'), [{ name: 'Huawei, Ltd.', country: 'CN' }, { name: '华为技术有限公司' }]);
    assert.deepEqual(screenQueriesFromCsv('\uFEFFAcme Corp,us\r\nBeta "Q" GmbH,\r\n'), [{ name: 'Acme Corp', country: 'US' }, { name: 'Beta "Q" GmbH' }]);
  });
});
