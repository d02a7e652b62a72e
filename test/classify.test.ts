import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { classifyChip } from '../src/core/classify/chip-report.js';
import { chipMetrics } from '../src/core/catalog/facts.js';
import { loadDataset, type Dataset } from '../src/load/dataset.js';
import { chipFromSpec } from '../src/load/spec.js';

let data: Dataset;
before(async () => {
  data = await loadDataset();
});

const classifyId = (id: string, on: string) => {
  const e = data.catalog.get(id);
  assert.ok(e, `catalog has ${id}`);
  return classifyChip(e.chip, e.metrics, data.eccn3a090, on);
};
const classifySpec = (spec: object, on: string) => {
  const chip = chipFromSpec({ name: 'test part', ...spec }, 'spec', data.vendors);
  return classifyChip(chip, chipMetrics(chip, data.pcie), data.eccn3a090, on);
};
const met = (r: ReturnType<typeof classifyId>) => r.tests.filter((t) => t.met).map((t) => t.test);

describe('published figures', () => {
  it('H100 SXM: TPP 15,832 and PD about 19.4', () => {
    const r = classifyId('nvidia-h100-sxm5-80gb', '2024-06-01');
    assert.equal(r.tpp, 15832);
    assert.ok(Math.abs(r.pd! - 19.45) < 0.06, `pd ${r.pd}`);
    assert.equal(r.eccn, '3A090.a');
  });
  it('H20: TPP 2,368, not 3A090 under the 2023 rule', () => {
    for (const on of ['2023-11-17', '2024-06-01', '2025-06-01']) {
      const r = classifyId('nvidia-h20', on);
      assert.equal(r.tpp, 2368);
      assert.equal(r.status, 'not_controlled', on);
      assert.equal(r.eccn, null);
    }
  });
  it('A800: outside the October 2022 rule (I/O 400 GB/s), 3A090.a from 2023-11-17', () => {
    const before2023 = classifyId('nvidia-a800-sxm4-80gb', '2023-03-01');
    assert.equal(before2023.status, 'not_controlled');
    assert.equal(before2023.rule?.id, 'us-3a090-2022');
    assert.equal(classifyId('nvidia-a800-sxm4-80gb', '2023-11-16').status, 'not_controlled');
    const after = classifyId('nvidia-a800-sxm4-80gb', '2023-11-17');
    assert.equal(after.eccn, '3A090.a');
    assert.equal(after.rule?.id, 'us-3a090-2023');
  });
  it('A100 and H100 were caught by the October 2022 rule (I/O >= 600 and TPP >= 4800)', () => {
    assert.equal(classifyId('nvidia-a100-sxm4-80gb', '2022-10-07').eccn, '3A090.a');
    assert.equal(classifyId('nvidia-h100-sxm5-80gb', '2023-01-01').eccn, '3A090.a');
  });
  it('RTX 4090 is 3A090.a (TPP >= 4800 beats Note 2); RTX 4090 D is not 3A090', () => {
    const r4090 = classifyId('nvidia-geforce-rtx-4090', '2024-06-01');
    assert.equal(r4090.eccn, '3A090.a');
    assert.ok(met(r4090).includes('3A090.a.1'));
    const d = classifyId('nvidia-geforce-rtx-4090d', '2024-06-01');
    assert.equal(d.status, 'not_controlled');
    assert.ok(met(d).includes('3A090 Note 2'), 'the consumer carve-out is what excludes it');
  });
  it('RTX 4090 on a PCIe 4.0 x16 link only was outside the 2022 I/O prong', () => {
    const r = classifyId('nvidia-geforce-rtx-4090', '2023-06-01');
    assert.equal(r.status, 'not_controlled');
    assert.ok(r.tests[0]!.inputs['chip.io_bandwidth_gbps']! as number < 600);
  });
  it('L4 is 3A090.a through performance density only', () => {
    const r = classifyId('nvidia-l4', '2025-01-01');
    assert.equal(r.eccn, '3A090.a');
    assert.deepEqual(met(r), ['3A090.a.2']);
  });
});

describe('insufficient data is never silently not_controlled', () => {
  for (const id of ['nvidia-b30a', 'nvidia-rtx-pro-6000d']) {
    it(`${id} has no sourced throughput`, () => {
      const r = classifyId(id, '2025-10-01');
      assert.equal(r.tpp, null);
      assert.equal(r.status, 'insufficient_data');
      assert.equal(r.eccn, null);
      assert.ok(r.missing.includes('chip.tpp'));
    });
  }
  it('a datacenter part with TPP >= 1600 and unknown die area could be 3A090.a via density', () => {
    const r = classifySpec({ datacenter: true, dense_tops: { fp16: 200 } }, '2025-01-01');
    assert.equal(r.tpp, 3200);
    assert.equal(r.status, 'insufficient_data');
    assert.deepEqual(r.missing, ['chip.pd']);
  });
  it('an undeclared datacenter status matters when TPP < 4800 and a density test is met', () => {
    const r = classifySpec({ dense_tops: { fp16: 200 }, die_area_mm2: 800 }, '2025-01-01');
    assert.equal(r.status, 'insufficient_data');
    assert.ok(r.missing.includes('chip.datacenter'));
  });
  it('but not when TPP is below every threshold', () => {
    const r = classifySpec({ dense_tops: { int8: 150 } }, '2025-01-01');
    assert.equal(r.tpp, 1200);
    assert.equal(r.status, 'not_controlled');
  });
  it('an HBM item with unknown bandwidth density after 2024-12-02', () => {
    const r = classifySpec({ hbm: true }, '2025-01-01');
    assert.equal(r.status, 'insufficient_data');
  });
});

describe('threshold boundaries (exactly at, just below)', () => {
  const on = '2025-01-01';
  // 300 dense TFLOPS at 16-bit = 4800, the figure BIS itself uses to illustrate the line.
  it('3A090.a.1 at TPP 4800 and not at 4799.84', () => {
    assert.equal(classifySpec({ datacenter: true, dense_tops: { fp16: 300 }, die_area_mm2: 5000 }, on).eccn, '3A090.a');
    const below = classifySpec({ datacenter: true, dense_tops: { fp16: 299.99 }, die_area_mm2: 5000 }, on);
    assert.equal(below.status, 'not_controlled');
  });
  it('3A090.a.2 at TPP 1600 and PD 5.92; not at PD just below 5.92 nor TPP just below 1600', () => {
    assert.equal(classifySpec({ datacenter: true, dense_tops: { int8: 200 }, die_area_mm2: 1600 / 5.92 }, on).eccn, '3A090.a');
    assert.equal(classifySpec({ datacenter: true, dense_tops: { int8: 200 }, die_area_mm2: 1600 / 5.91 }, on).eccn, '3A090.b');
    assert.equal(classifySpec({ datacenter: true, dense_tops: { int8: 199.99 }, die_area_mm2: 200 }, on).status, 'not_controlled');
  });
  it('3A090.b.1 band: TPP 2400 with PD 1.6 is .b; PD just below 1.6 is not', () => {
    assert.equal(classifySpec({ datacenter: true, dense_tops: { fp16: 150 }, die_area_mm2: 1500 }, on).eccn, '3A090.b');
    assert.equal(classifySpec({ datacenter: true, dense_tops: { fp16: 150 }, die_area_mm2: 1501 }, on).status, 'not_controlled');
    assert.equal(classifySpec({ datacenter: true, dense_tops: { fp16: 149.99 }, die_area_mm2: 1500 }, on).status, 'not_controlled');
  });
  it('3A090.b.2: TPP 1600 with PD 3.2 is .b; PD just below is not', () => {
    assert.equal(classifySpec({ datacenter: true, dense_tops: { int8: 200 }, die_area_mm2: 500 }, on).eccn, '3A090.b');
    assert.equal(classifySpec({ datacenter: true, dense_tops: { int8: 200 }, die_area_mm2: 501 }, on).status, 'not_controlled');
  });
  it('Note 2: a non-datacenter part at TPP 4800 is 3A090.a, at 4799.84 it is out', () => {
    assert.equal(classifySpec({ datacenter: false, dense_tops: { fp16: 300 }, die_area_mm2: 300 }, on).eccn, '3A090.a');
    assert.equal(classifySpec({ datacenter: false, dense_tops: { fp16: 299.99 }, die_area_mm2: 300 }, on).status, 'not_controlled');
  });
  it('October 2022: I/O 600 GB/s is in, 599 is out', () => {
    assert.equal(classifySpec({ dense_tops: { fp16: 300 }, interconnect_gbps: 600 }, '2023-01-01').eccn, '3A090.a');
    assert.equal(classifySpec({ dense_tops: { fp16: 300 }, interconnect_gbps: 599 }, '2023-01-01').status, 'not_controlled');
    assert.equal(classifySpec({ dense_tops: { fp16: 300 } }, '2023-01-01').status, 'insufficient_data');
  });
  it('3A090.c: HBM density above 2 GB/s/mm2 from 2024-12-02, and exactly 2 is out', () => {
    const hbm = { hbm: true, memory_bandwidth_gbps: 1200, die_area_mm2: 110 };
    assert.equal(classifySpec(hbm, '2024-12-02').eccn, '3A090.c');
    assert.equal(classifySpec(hbm, '2024-12-01').status, 'not_controlled');
    assert.equal(classifySpec({ hbm: true, memory_bandwidth_gbps: 200, die_area_mm2: 100 }, '2025-01-01').status, 'not_controlled');
  });
});

describe('date edges', () => {
  it('before 2022-10-07 no version of 3A090 exists', () => {
    const r = classifyId('nvidia-h100-sxm5-80gb', '2022-10-06');
    assert.equal(r.status, 'not_controlled');
    assert.equal(r.rule, null);
    assert.deepEqual(r.tests, []);
  });
  it('each version applies from its effective date to the day before the next', () => {
    const id = (on: string) => classifyId('nvidia-h100-sxm5-80gb', on).rule?.id;
    assert.equal(id('2022-10-07'), 'us-3a090-2022');
    assert.equal(id('2023-11-16'), 'us-3a090-2022');
    assert.equal(id('2023-11-17'), 'us-3a090-2023');
    assert.equal(id('2024-12-01'), 'us-3a090-2023');
    assert.equal(id('2024-12-02'), 'us-3a090-2024-12');
  });
});

describe('the whole catalog against a hand check of chips.md section 3', () => {
  // Expected 3A090 status on 2026-01-01 worked out by hand from each row's TPP, PD, die-area scope and
  // datacenter marketing: raw tests from the reference table, Note 2 for the consumer parts, unknown PD or
  // throughput as insufficient data.
  const expected: Record<string, string> = {
    'nvidia-a100-sxm4-80gb': '3A090.a', 'nvidia-a100-pcie-80gb': '3A090.a', 'nvidia-a800-sxm4-80gb': '3A090.a',
    'nvidia-a800-pcie-80gb': '3A090.a', 'nvidia-a30': '3A090.b', 'nvidia-a40': '3A090.b', 'nvidia-a10': 'no',
    'nvidia-l4': '3A090.a', 'nvidia-l20': 'no', 'nvidia-l2': 'no', 'nvidia-l40': '3A090.b', 'nvidia-l40s': '3A090.a',
    'nvidia-h100-pcie': '3A090.a', 'nvidia-h100-sxm5-80gb': '3A090.a', 'nvidia-h100-nvl': '3A090.a',
    'nvidia-h800-sxm5': '3A090.a', 'nvidia-h20': 'no', 'nvidia-h200-sxm-141gb': '3A090.a', 'nvidia-h200-nvl': '?',
    'nvidia-gh200': '3A090.a', 'nvidia-b100': '3A090.a', 'nvidia-b200': '3A090.a', 'nvidia-gb200-per-gpu': '3A090.a',
    'nvidia-b300': '3A090.a', 'nvidia-gb300-per-gpu': '3A090.a', 'nvidia-b30a': '?',
    'nvidia-rtx-pro-6000-blackwell': '3A090.a', 'nvidia-rtx-pro-6000d': '?', 'nvidia-geforce-rtx-3090': 'no',
    'nvidia-geforce-rtx-4090': '3A090.a', 'nvidia-geforce-rtx-4090d': 'no', 'nvidia-geforce-rtx-5090': '3A090.a',
    'nvidia-geforce-rtx-5090d': 'no', 'nvidia-geforce-rtx-5090d-v2': 'no', 'amd-instinct-mi100': '?',
    'amd-instinct-mi210': '3A090.b', 'amd-instinct-mi250x': '3A090.a', 'amd-instinct-mi300x': '3A090.a',
    'amd-instinct-mi300a': '3A090.a', 'amd-instinct-mi308x': '?', 'amd-instinct-mi325x': '3A090.a',
    'amd-instinct-mi350x': '3A090.a', 'amd-instinct-mi355x': '3A090.a', 'intel-gaudi2-hl-225h': '3A090.a',
    'intel-gaudi2-hl-225b': '?', 'intel-gaudi3-hl-325l': '3A090.a', 'intel-gaudi3-hl-338': '?',
    'intel-gaudi3-hl-328': '?', 'intel-gaudi3-hl-388': '?', 'google-tpu-v4': '?', 'google-tpu-v5e': '?',
    'google-tpu-v5p': '3A090.a', 'google-tpu-v6e': '3A090.a', 'google-tpu7x-ironwood': '3A090.a', 'aws-trainium1': '?',
    'aws-trainium2': '3A090.a', 'aws-trainium3': '3A090.a', 'huawei-ascend-910': '?', 'huawei-ascend-910b': '3A090.a',
    'huawei-ascend-910c': '3A090.a', 'huawei-ascend-950pr': '3A090.a', 'huawei-ascend-950dt': '3A090.a',
    'cambricon-mlu370-x8': '?', 'cambricon-mlu290-m5': '?', 'biren-br100': '3A090.a', 'biren-br104': '3A090.a',
    'moorethreads-mtt-s4000': '?', 'hygon-dcu-z100': 'no', 'alibaba-thead-hanguang-800': '3A090.a',
    'alibaba-thead-ppu': '?', 'kunlunxin-kunlun2-r200': '?', 'kunlunxin-p800': '?', 'cerebras-wse-3': '?',
    'groq-lpu-v1': '3A090.a', 'tenstorrent-blackhole-p150': '3A090.a',
  };
  it('loads all 75 chips', () => {
    assert.equal(data.catalog.size, 75);
    assert.deepEqual([...data.catalog.keys()].sort(), Object.keys(expected).sort());
  });
  it('classifies every chip as the hand check says', () => {
    const wrong: string[] = [];
    for (const [id, want] of Object.entries(expected)) {
      const r = classifyId(id, '2026-01-01');
      const got = r.status === 'controlled' ? r.eccn : r.status === 'not_controlled' ? 'no' : '?';
      if (got !== want) wrong.push(`${id}: expected ${want}, got ${got}`);
    }
    assert.deepEqual(wrong, []);
  });
});
