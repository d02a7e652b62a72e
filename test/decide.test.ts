import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { decide, type Decision } from '../src/core/decide/decide.js';
import type { Licence } from '../src/core/decide/licences.js';
import type { PartyScreen } from '../src/core/decide/order.js';
import { loadPartyScreen } from '../src/cli/parties.js';
import { loadDataset, type Dataset } from '../src/load/dataset.js';
import { parseOrder } from '../src/load/order.js';

let data: Dataset;
let screen: PartyScreen;
before(async () => {
  // Screen against the shipped lists, whatever a developer imported into their own default database.
  process.env.CHIPLAW_HOME = mkdtempSync(join(tmpdir(), 'chiplaw-decide-'));
  data = await loadDataset();
  screen = (await loadPartyScreen(data.listingRules)).screen;
});

function check(order: Record<string, unknown>, licences: Licence[] = []): Decision {
  return decide(parseOrder(order, data), {
    eccn: data.eccn3a090,
    rules: data.rules,
    countries: data.countries,
    screen,
    endUseTags: data.endUseTags,
    licences,
    rulesetHash: data.hash,
  });
}

const applying = (d: Decision) => d.reasons.filter((r) => r.outcome === 'applies').map((r) => r.rule);
const buyer = (hq: string) => ({ buyer: 'Example Compute Ltd', buyer_hq: hq });

// Each row: a real order, the answer the law gives on that date, and the rule that gives it.
describe('real orders across dates', () => {
  it('H100 to China in June 2022: no rule yet', () => {
    const d = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'CN', on: '2022-06-01', ...buyer('CN') });
    assert.equal(d.verdict, 'allowed');
    assert.equal(d.chip.rule, null);
  });
  it('H100 to China in September 2022: the August 2022 is-informed letter', () => {
    const d = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'CN', on: '2022-09-15', ...buyer('CN') });
    assert.equal(d.verdict, 'licence_required');
    assert.ok(applying(d).includes('us-is-informed-2022-08.a100-h100'));
  });
  it('H100 to China in 2024: 3A090.a to D:5, presumption of denial', () => {
    const d = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'CN', on: '2024-06-01', ...buyer('CN') });
    assert.equal(d.verdict, 'licence_required');
    assert.equal(d.export.review_policy, 'presumption_of_denial');
    assert.ok(applying(d).includes('us-acs-2023.destination-d5-macau'));
  });
  it('A800 to China in March 2023 was outside the October 2022 rule; A100 was not', () => {
    assert.equal(check({ chip: 'nvidia-a800-sxm4-80gb', to: 'CN', on: '2023-03-01', ...buyer('CN') }).verdict, 'allowed');
    const a100 = check({ chip: 'nvidia-a100-sxm4-80gb', to: 'CN', on: '2023-03-01', ...buyer('CN') });
    assert.equal(a100.verdict, 'licence_required');
    assert.ok(applying(a100).includes('us-acs-2022.destination-china'));
  });
  it('H20 to China: free in 2024, licence from the April 2025 letter, then 15% and China discouraging it', () => {
    assert.equal(check({ chip: 'nvidia-h20', to: 'CN', on: '2024-06-01', ...buyer('CN') }).verdict, 'allowed');
    const may = check({ chip: 'nvidia-h20', to: 'CN', on: '2025-05-01', ...buyer('CN') });
    assert.equal(may.verdict, 'licence_required');
    assert.ok(applying(may).includes('us-is-informed-2025-04.bandwidth-destinations'));
    assert.deepEqual(may.obligations, []);
    const sep = check({ chip: 'nvidia-h20', to: 'CN', on: '2025-09-01', qty: 100, unit_price: 12000, ...buyer('CN') });
    assert.equal(sep.verdict, 'licence_required');
    assert.equal(sep.export.licence_required, true);
    const share = sep.obligations.find((o) => o.kind === 'revenue_share');
    assert.deepEqual([share?.percent, share?.payee, share?.amount_usd], [15, 'US Government', 180000]);
    assert.equal(sep.import.jurisdiction, 'CN');
    assert.equal(sep.import.status, 'discouraged');
    assert.ok(sep.import.measures.some((m) => m.rule === 'cn-h20-guidance-2025-08.discouraged' && m.confidence === 'reported'));
  });
  it('RTX 4090 to China in 2024 ships under NAC with 25 days notice; RTX 4090 D is not controlled', () => {
    const d = check({ chip: 'nvidia-geforce-rtx-4090', to: 'CN', on: '2024-06-01', ...buyer('CN') });
    assert.equal(d.verdict, 'allowed_with_conditions');
    assert.equal(d.export.licence_required, false);
    assert.equal(d.export.exception, 'NAC');
    assert.equal(d.export.notification_days, 25);
    assert.ok(d.obligations.some((o) => o.kind === 'notification' && o.days === 25));
    const dd = check({ chip: 'nvidia-geforce-rtx-4090d', to: 'CN', on: '2024-06-01', ...buyer('CN') });
    assert.equal(dd.verdict, 'allowed');
    assert.equal(dd.chip.status, 'not_controlled');
  });
  it('L40 to the UAE in mid-2024: License Exception ACA, no notification', () => {
    const d = check({ chip: 'nvidia-l40', to: 'AE', on: '2024-06-01', ...buyer('AE') });
    assert.equal(d.verdict, 'allowed_with_conditions');
    assert.equal(d.export.exception, 'ACA');
    assert.equal(d.export.notification_days, null);
    // Before the April 2024 split the same shipment needed NAC with notification.
    assert.equal(check({ chip: 'nvidia-l40', to: 'AE', on: '2024-01-15', ...buyer('AE') }).export.exception, 'NAC');
  });
  it('H100 to Israel (D:4 but A:6) and Germany needs nothing; to Singapore for a China-headquartered buyer it does', () => {
    assert.equal(check({ chip: 'nvidia-h100-sxm5-80gb', to: 'IL', on: '2024-06-01', ...buyer('IL') }).verdict, 'allowed');
    assert.equal(check({ chip: 'nvidia-h100-sxm5-80gb', to: 'DE', on: '2024-06-01', ...buyer('DE') }).verdict, 'allowed');
    const sg = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'SG', on: '2024-06-01', ...buyer('CN') });
    assert.equal(sg.verdict, 'licence_required');
    assert.equal(sg.export.review_policy, 'presumption_of_denial');
    assert.ok(applying(sg).includes('us-acs-2023.headquarters'));
  });
  it('H100 to Macau and to Hong Kong (treated as China)', () => {
    const mo = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'MO', on: '2024-06-01', ...buyer('MO') });
    assert.equal(mo.verdict, 'licence_required');
    assert.ok(applying(mo).includes('us-acs-2023.destination-d5-macau'));
    const hk = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'HK', on: '2024-06-01', ...buyer('HK') });
    assert.equal(hk.verdict, 'licence_required');
    assert.equal(hk.export.review_policy, 'presumption_of_denial');
    assert.equal(hk.import.jurisdiction, 'HK');
  });
  it('H100 to Germany in March 2025: the AI Diffusion rule is in force but never binding', () => {
    for (const on of ['2025-01-13', '2025-03-01', '2025-05-14', '2025-05-15', '2025-06-01']) {
      const d = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'DE', on, ...buyer('DE') });
      assert.equal(d.verdict, 'allowed', on);
      const ctx = d.reasons.find((r) => r.rule === 'us-ai-diffusion-2025-01.worldwide-licence');
      assert.equal(ctx?.outcome, 'context', on);
    }
  });
  it('H200 and B200 to China in March 2026: case-by-case and a 25% tariff for H200, denial for B200', () => {
    const h200 = check({ chip: 'nvidia-h200-sxm-141gb', to: 'CN', on: '2026-03-01', qty: 10, unit_price: 30000, ...buyer('CN') });
    assert.equal(h200.verdict, 'licence_required');
    assert.equal(h200.export.review_policy, 'case_by_case');
    const tariff = h200.obligations.find((o) => o.kind === 'tariff');
    assert.deepEqual([tariff?.percent, tariff?.amount_usd], [25, 75000]);
    assert.equal(h200.import.status, 'review');
    const b200 = check({ chip: 'nvidia-b200', to: 'CN', on: '2026-03-01', ...buyer('CN') });
    assert.equal(b200.verdict, 'licence_required');
    assert.equal(b200.export.review_policy, 'presumption_of_denial');
    assert.equal(b200.obligations.length, 0);
    // A China-only variant was never commercially available in the US, so the 2026 policy does not reach it.
    const a800 = check({ chip: 'nvidia-a800-sxm4-80gb', to: 'CN', on: '2026-03-01', ...buyer('CN') });
    assert.equal(a800.export.review_policy, 'presumption_of_denial');
    // Re-exports from outside the US keep the presumption of denial.
    const abroad = check({ chip: 'nvidia-h200-sxm-141gb', to: 'CN', on: '2026-03-01', exported_from: 'SG', ...buyer('CN') });
    assert.equal(abroad.export.review_policy, 'presumption_of_denial');
  });
  it('RTX Pro 6000D to China in October 2025: unknown specs and a reported order to cancel', () => {
    const d = check({ chip: 'nvidia-rtx-pro-6000d', to: 'CN', on: '2025-10-15', ...buyer('CN') });
    assert.equal(d.verdict, 'review');
    assert.equal(d.chip.status, 'insufficient_data');
    assert.equal(d.import.status, 'prohibited');
    assert.ok(d.import.measures.some((m) => m.rule === 'cn-rtx-pro-6000d-2025-09.cancel-orders'));
    assert.ok(d.missing.includes('chip.tpp'));
  });
  it('Ascend 910B to Malaysia in June 2025: General Prohibition 10', () => {
    const d = check({ chip: 'huawei-ascend-910b', to: 'MY', on: '2025-06-01', ...buyer('MY') });
    assert.equal(d.verdict, 'prohibited');
    assert.ok(applying(d).includes('us-bis-guidance-2025-05.ascend-gp10'));
    assert.equal(check({ chip: 'huawei-ascend-910b', to: 'MY', on: '2025-05-01', ...buyer('MY') }).verdict, 'allowed');
  });
  it('other PRC-designed 3A090 chips are in the category of the GP10 guidance from 2025-05-13: review, not allowed', () => {
    for (const chip of ['huawei-ascend-950pr', 'biren-br100', 'alibaba-thead-hanguang-800']) {
      const d = check({ chip, to: 'DE', on: '2025-05-13', ...buyer('DE') });
      assert.equal(d.verdict, 'review', chip);
      assert.ok(applying(d).includes('us-bis-guidance-2025-05.prc-3a090-gp10-risk'), chip);
      assert.ok(!applying(check({ chip, to: 'DE', on: '2025-05-12', ...buyer('DE') })).includes('us-bis-guidance-2025-05.prc-3a090-gp10-risk'), chip);
    }
  });
  it('a spec vendor is read however it is spelled, and one chiplaw does not recognise cannot escape vendor-named rules', () => {
    const h20Like = (vendor?: string) => ({
      spec: { name: 'H20-like part', ...(vendor ? { vendor } : {}), datacenter: true, die_area_mm2: 814, dense_tops: { fp16: 148 }, memory_bandwidth_gbps: 4000, interconnect_gbps: 900 },
      to: 'CN',
      on: '2025-06-01',
      ...buyer('CN'),
    });
    for (const vendor of ['NVIDIA', 'Nvidia Corp', 'NVIDIA Corporation']) {
      const d = check(h20Like(vendor));
      assert.equal(d.verdict, 'licence_required', vendor);
      assert.ok(applying(d).includes('us-is-informed-2025-04.bandwidth-destinations'), vendor);
    }
    for (const vendor of [undefined, 'Nvidea']) {
      const d = check(h20Like(vendor));
      assert.equal(d.verdict, 'review', String(vendor));
      assert.ok(d.missing.includes('chip.vendor'), String(vendor));
    }
  });
  it('an Entity List buyer needs a licence even for an uncontrolled chip', () => {
    const d = check({ chip: 'nvidia-geforce-rtx-4090d', to: 'CN', on: '2024-06-01', buyer: 'Huawei Technologies Co., Ltd.', buyer_hq: 'CN' });
    assert.equal(d.chip.status, 'not_controlled');
    assert.equal(d.verdict, 'licence_required');
    assert.equal(d.export.review_policy, 'presumption_of_denial');
    assert.ok(applying(d).includes('us-entity-list.listed-party'));
    assert.equal(d.parties[0]?.listed, true);
  });
  it('a listing binds from its rule\'s effective date, which can precede the date the list gives', () => {
    // 88 FR 71991 added Moore Threads effective 2023-10-17; the CSL row gives the publication date, 2023-10-19.
    const order = (on: string) => ({ chip: 'nvidia-geforce-rtx-4090d', to: 'CN', on, buyer: 'Moore Thread Intelligent Technology (Beijing) Co., Ltd.', buyer_hq: 'CN' });
    const effective = check(order('2023-10-17'));
    assert.equal(effective.verdict, 'licence_required');
    assert.ok(applying(effective).includes('us-entity-list.listed-party'));
    assert.ok(effective.parties[0]?.matches.some((m) => m.explanation.some((line) => line.includes('binds from 2023-10-17'))));
    const before = check(order('2023-10-16'));
    assert.ok(!applying(before).includes('us-entity-list.listed-party'));
    assert.equal(before.parties[0]?.listed, false);
  });
  it('exports of US AI chips from Malaysia need a Malaysian permit from 2025-07-14', () => {
    const order = (on: string) => ({ chip: 'nvidia-h100-sxm5-80gb', to: 'SG', on, exported_from: 'MY', ...buyer('SG') });
    const after = check(order('2025-08-01'));
    assert.equal(after.verdict, 'review');
    assert.ok(applying(after).includes('my-miti-ai-chips-2025-07.export-permit'));
    assert.ok(!applying(check(order('2025-07-13'))).includes('my-miti-ai-chips-2025-07.export-permit'));
  });
  it('while the Affiliates rule is suspended, a stated listed owner is a red flag to resolve, not a licence requirement', () => {
    const d = check({ chip: 'nvidia-a10', to: 'SG', on: '2026-03-01', ...buyer('SG'), buyer_listed_ownership_percent: 60 });
    assert.equal(d.verdict, 'review');
    assert.equal(d.export.licence_required, false);
    assert.ok(applying(d).includes('us-affiliates-suspension-2025-11.ownership-red-flag'));
    const during = check({ chip: 'nvidia-a10', to: 'SG', on: '2025-10-15', ...buyer('SG'), buyer_listed_ownership_percent: 60 });
    assert.equal(during.verdict, 'licence_required');
  });
  it('Cambodia leaves D:5 on 2025-11-07: denial before, open policy after', () => {
    const before = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'KH', on: '2025-06-01', ...buyer('KH') });
    assert.ok(applying(before).includes('us-acs-2023.destination-d5-macau'));
    const after = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'KH', on: '2025-12-01', ...buyer('KH') });
    assert.equal(after.verdict, 'licence_required');
    assert.ok(applying(after).includes('us-acs-2023.destination-d1-d4'));
    assert.equal(after.export.review_policy, null);
  });
  it("China's state-funded data-centre guidance bars foreign chips but not domestic ones", () => {
    const foreign = check({ chip: 'nvidia-geforce-rtx-4090d', to: 'CN', on: '2025-12-01', state_funded: true, ...buyer('CN') });
    assert.equal(foreign.import.status, 'prohibited');
    assert.equal(foreign.verdict, 'review');
    const domestic = check({ chip: 'hygon-dcu-z100', to: 'CN', on: '2025-12-01', state_funded: true, ...buyer('CN') });
    assert.equal(domestic.import.status, 'none');
  });
});

describe('missing facts never make an order allowed', () => {
  it('a controlled chip to Germany with no buyer headquarters goes to review', () => {
    const d = check({ chip: 'nvidia-h100-sxm5-80gb', to: 'DE', on: '2024-06-01' });
    assert.equal(d.verdict, 'review');
    assert.ok(d.missing.includes('parties.hq_groups'));
  });
  it('an order that names no buyer or end user cannot be screened, so even an uncontrolled chip is review', () => {
    const d = check({ chip: 'nvidia-geforce-rtx-4090d', to: 'CN', on: '2024-06-01' });
    assert.equal(d.verdict, 'review');
    assert.ok(d.missing.includes('parties.lists'));
    assert.equal(check({ chip: 'nvidia-geforce-rtx-4090d', to: 'CN', on: '2024-06-01', ...buyer('CN') }).verdict, 'allowed');
  });
  it('Macau under the 2022 rule is unconfirmed, so review', () => {
    assert.equal(check({ chip: 'nvidia-a100-sxm4-80gb', to: 'MO', on: '2023-03-01', ...buyer('MO') }).verdict, 'review');
  });
  it('a destination under embargoes chiplaw does not encode is review, not allowed', () => {
    assert.equal(check({ chip: 'nvidia-geforce-rtx-4090d', to: 'IR', on: '2024-06-01', ...buyer('IR') }).verdict, 'review');
  });
});

describe('licences held', () => {
  const licence: Licence = {
    number: 'D1234567',
    holder: 'NVIDIA Corporation',
    chips: ['nvidia-h20'],
    destination: 'CN',
    consignee: 'Example Compute Ltd',
    quantityLimit: 1000,
    valueLimitUsd: null,
    quantityUsed: 900,
    valueUsedUsd: 0,
    conditions: [{ kind: 'revenue_share', percent: 15, payee: 'US Government' }],
    validFrom: '2025-08-08',
    validTo: '2027-08-07',
  };
  const order = { chip: 'nvidia-h20', to: 'CN', on: '2025-09-01', unit_price: 12000, seller: 'NVIDIA Corporation', ...buyer('CN') };
  it('a matching valid licence with room left covers the order, with its conditions', () => {
    const d = check({ ...order, qty: 100 }, [licence]);
    assert.equal(d.verdict, 'allowed_with_conditions');
    assert.equal(d.export.licence?.number, 'D1234567');
    assert.equal(d.export.licence?.quantity_left, 100);
    assert.ok(d.obligations.some((o) => o.kind === 'revenue_share' && o.amount_usd === 180000));
  });
  it('no room left, another consignee or an expired licence does not', () => {
    const over = check({ ...order, qty: 101 }, [licence]);
    assert.equal(over.verdict, 'licence_required');
    assert.match(over.export.licences_rejected?.[0]?.reason ?? '', /only 100 units left/);
    assert.equal(check({ ...order, qty: 10, buyer: 'Someone Else Ltd' }, [licence]).verdict, 'licence_required');
    assert.equal(check({ ...order, qty: 10, on: '2027-09-01' }, [licence]).verdict, 'licence_required');
  });
  it('a licence for China does not cover Hong Kong', () => {
    const hk = check({ ...order, qty: 10, to: 'HK', ...buyer('HK') }, [{ ...licence, consignee: 'Example Compute Ltd' }]);
    assert.equal(hk.verdict, 'licence_required');
    assert.equal(hk.export.licence, null);
  });
  it('a licence is not taken to authorise an end use that itself requires a licence', () => {
    const d = check({ ...order, qty: 10, end_use: 'supercomputer' }, [licence]);
    assert.equal(d.verdict, 'licence_required');
    assert.equal(d.export.licence, null);
    assert.match(d.export.licences_rejected?.[0]?.reason ?? '', /end use/);
  });
});
