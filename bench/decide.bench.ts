/**
 * Order decisions per second, single thread, on a realistic mix of orders (chips, destinations, dates, buyers),
 * against json-rules-engine running the same classification thresholds and destination rules in the same run.
 * Screening results are cached per party name, as an order desk's repeat customers allow. Runs the compiled
 * build (dist/), as users do.
 */
import { Engine, type NestedCondition } from 'json-rules-engine';
import { loadPartyScreen } from '../dist/cli/parties.js';
import { decide } from '../dist/core/decide/decide.js';
import type { Order, PartyMatch } from '../dist/core/decide/order.js';
import { loadDataset } from '../dist/load/dataset.js';
import { parseOrder } from '../dist/load/order.js';

const data = await loadDataset();
const { screen } = await loadPartyScreen(data.listingRules);
const cache = new Map<string, PartyMatch[]>();
const cachedScreen = (name: string, country: string | null, on: string) => {
  const key = `${name}\u0000${country ?? ''}\u0000${on}`;
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = screen(name, country, on)));
  return hit;
};
const ctx = { eccn: data.eccn3a090, rules: data.rules, countries: data.countries, screen: cachedScreen, endUseTags: data.endUseTags, licences: [], rulesetHash: data.hash };

const chips = ['nvidia-h100-sxm5-80gb', 'nvidia-h20', 'nvidia-h200-sxm-141gb', 'nvidia-b200', 'nvidia-l40', 'nvidia-geforce-rtx-4090', 'nvidia-geforce-rtx-4090d', 'amd-instinct-mi300x', 'nvidia-l4', 'nvidia-a100-sxm4-80gb'];
const places: [string, string][] = [['CN', 'CN'], ['DE', 'DE'], ['SG', 'CN'], ['AE', 'AE'], ['US', 'US'], ['IN', 'IN'], ['HK', 'HK'], ['MY', 'MY'], ['JP', 'JP'], ['SA', 'SA']];
const dates = ['2022-06-01', '2023-03-01', '2024-06-01', '2025-05-01', '2025-09-01', '2026-03-01'];
const buyers = ['Example Compute Ltd', 'Nordic AI Cloud AB', 'Huawei Technologies Co., Ltd.', 'Sunrise Data Centers Pte Ltd', 'Inspur Electronic Information Industry Co., Ltd.'];
const orders: Order[] = [];
for (let i = 0; i < 600; i++) {
  const [to, hq] = places[(i * 7) % places.length]!;
  orders.push(
    parseOrder(
      { chip: chips[i % chips.length], to, on: dates[(i * 3) % dates.length], qty: 8 + (i % 50), unit_price: 10000 + (i % 7) * 5000, buyer: buyers[(i * 11) % buyers.length], buyer_hq: hq },
      data,
    ),
  );
}

// The same thresholds and destination scope in json-rules-engine: 3A090.a/.b by TPP/PD with Note 2, then the
// 2023 destination and headquarters rules.
const engine = new Engine([], { allowUndefinedFacts: true });
const threshold = (name: string, all: NestedCondition[]) => engine.addRule({ name, conditions: { all }, event: { type: 'classified', params: { test: name } } });
threshold('3A090.a.1', [{ fact: 'tpp', operator: 'greaterThanInclusive', value: 4800 }]);
threshold('3A090.a.2', [{ fact: 'tpp', operator: 'greaterThanInclusive', value: 1600 }, { fact: 'pd', operator: 'greaterThanInclusive', value: 5.92 }, { fact: 'note2', operator: 'equal', value: false }]);
threshold('3A090.b.1', [{ fact: 'tpp', operator: 'greaterThanInclusive', value: 2400 }, { fact: 'tpp', operator: 'lessThan', value: 4800 }, { fact: 'pd', operator: 'greaterThanInclusive', value: 1.6 }, { fact: 'pd', operator: 'lessThan', value: 5.92 }, { fact: 'note2', operator: 'equal', value: false }]);
threshold('3A090.b.2', [{ fact: 'tpp', operator: 'greaterThanInclusive', value: 1600 }, { fact: 'pd', operator: 'greaterThanInclusive', value: 3.2 }, { fact: 'pd', operator: 'lessThan', value: 5.92 }, { fact: 'note2', operator: 'equal', value: false }]);
engine.addRule({ name: 'destination-d5-macau', conditions: { any: [{ fact: 'groups', operator: 'contains', value: 'D:5' }, { fact: 'country', operator: 'equal', value: 'MO' }] }, event: { type: 'destination', params: { policy: 'presumption_of_denial' } } });
engine.addRule({ name: 'destination-d1-d4', conditions: { all: [{ fact: 'groups', operator: 'containsAny' as never, value: ['D:1', 'D:4'] }, { fact: 'groups', operator: 'doesNotContain', value: 'D:5' }, { fact: 'groups', operator: 'doesNotContain', value: 'A:6' }] }, event: { type: 'destination', params: { policy: null } } });
engine.addRule({ name: 'headquarters', conditions: { any: [{ fact: 'hqGroups', operator: 'contains', value: 'D:5' }, { fact: 'hq', operator: 'equal', value: 'MO' }] }, event: { type: 'destination', params: { policy: 'presumption_of_denial' } } });
engine.addOperator('containsAny', (factValue: string[], jsonValue: string[]) => Array.isArray(factValue) && jsonValue.some((v) => factValue.includes(v)));

async function runJre(n: number): Promise<number> {
  let required = 0;
  for (let i = 0; i < n; i++) {
    const o = orders[i % orders.length]!;
    const tpp = o.metrics.tpp ?? 0;
    const { events } = await engine.run({
      tpp,
      pd: o.metrics.pd ?? 0,
      note2: o.chip.datacenter === false && tpp < 4800,
      groups: data.countries.groupsOf(o.to, o.on),
      country: data.countries.canonical(o.to),
      hqGroups: o.buyer?.hq ? data.countries.groupsOf(o.buyer.hq, o.on) : [],
      hq: o.buyer?.hq ?? '',
    });
    if (events.some((e) => e.type === 'classified') && events.some((e) => e.type === 'destination')) required++;
  }
  return required;
}

function runOurs(n: number): number {
  let required = 0;
  for (let i = 0; i < n; i++) if (decide(orders[i % orders.length]!, ctx).export.licence_required) required++;
  return required;
}

/** Decisions per second of one timed run. */
async function rate(n: number, run: (n: number) => number | Promise<number>): Promise<{ perSecond: number; result: number }> {
  const t = process.hrtime.bigint();
  const result = await run(n);
  return { perSecond: n / (Number(process.hrtime.bigint() - t) / 1e9), result };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

runOurs(20000);
await runJre(2000);
// Rounds alternate between the engines so that load from elsewhere on the machine falls on both; each figure is
// the median round.
const rounds = 5;
const n = 200000;
const m = 20000;
const oursRates: number[] = [];
const jreRates: number[] = [];
let ours = 0;
let theirs = 0;
for (let round = 0; round < rounds; round++) {
  const oursRound = await rate(n, runOurs);
  oursRates.push(oursRound.perSecond);
  ours = oursRound.result;
  const jreRound = await rate(m, runJre);
  jreRates.push(jreRound.perSecond);
  theirs = jreRound.result;
}
const oursPerSecond = median(oursRates);
const jrePerSecond = median(jreRates);

console.log(`node ${process.version}; ${orders.length} distinct orders, ${data.rules.rules.length} rules, ${cache.size} screened names (cached); median of ${rounds} alternating rounds`);
console.log(`chiplaw decide(): ${Math.round(oursPerSecond).toLocaleString('en-US')} decisions/s (full decision: classification, all rules, parties, import side, obligations; ${ours} of ${n} needed a licence)  target >= 200,000  ${oursPerSecond >= 200000 ? 'MET' : 'NOT MET'}`);
console.log(`json-rules-engine, thresholds + destination rules only: ${Math.round(jrePerSecond).toLocaleString('en-US')} decisions/s (${theirs} of ${m} flagged)`);
console.log(`ratio: ${(oursPerSecond / jrePerSecond).toFixed(1)}x  target >= 20x  ${oursPerSecond / jrePerSecond >= 20 ? 'MET' : 'NOT MET'}`);
