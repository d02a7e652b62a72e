/**
 * Screening throughput against 20,000 entries: the 150 real shipped rows plus SYNTHETIC entries (generated here,
 * deterministically from a seeded PRNG, in the shapes of real Chinese and Western company names; none of them is
 * a real listing). Single thread, lists loaded and indexed once; per-query p50/p99. Baselines measured in the same
 * run on the same entries and queries: a linear scan with the same scorer (every name scored), and fuse.js.
 * Run: npm run bench:screen
 */
import { pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { createScreener, type ListEntry, type Screener } from '../src/core/screening/index.js';
import { loadCases } from './screening-quality.js';
import { shippedLists } from '../src/lists/index.js';
import { loadPinyinTransliterate } from '../src/lists/transliterate.js';

const TOTAL_ENTRIES = Number(process.env.BENCH_ENTRIES ?? 20_000);
const QUERIES = 5_000;
const BASELINE_QUERIES = Number(process.env.BENCH_BASELINE_QUERIES ?? 100);
const FUSE_QUERIES = 20;
const TARGET_QPS = 5_000;

/** mulberry32: a small, well-known 32-bit PRNG; the seed fixes every entry and query. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20260704);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SYLLABLES = ('an ba bai bao bei ben bin bo cai can chang chao chen cheng chuang chun da dan de ding dong du fa fan fang fei feng fu gao ge ' +
  'guang gui guo hai han hang hao he heng hong hua huan hui ji jia jian jiang jin jing jiu kai kang ke kun lan lang lei li lian liang lin ling ' +
  'long lu mei meng min ming mo na neng ning pan peng ping qi qian qiang qing qiu rong rui sen shan shang sheng shi shu shun si song tai tao ' +
  'teng tian tong wan wei wen xi xia xiang xin xing xu xuan ya yang yao yi yin ying yong you yu yuan yue yun ze zhan zhao zhen zheng zhi zhong zhou').split(' ');
const CITIES = ['Beijing', 'Shanghai', 'Shenzhen', 'Tianjin', 'Chengdu', 'Wuhan', 'Hangzhou', 'Nanjing', 'Suzhou', 'Wuxi', 'Hefei', 'Xiamen', 'Qingdao', 'Dongguan', 'Guangzhou', 'Xian'];
const DESCRIPTORS = ['Technology', 'Information Technology', 'Electronic Technology', 'Semiconductor', 'Intelligent Technology', 'Microelectronics',
  'Precision Machinery', 'Trading', 'Import and Export', 'Optoelectronics', 'Integrated Circuit', 'Electronic Components', 'Industrial', 'Supply Chain Management'];
const LEGAL = ['Co., Ltd.', 'Company Limited', 'Limited', 'Co. Ltd.', 'Corporation'];
const WESTERN = ('Apex Atlas Beacon Cedar Crest Delta Ember Falcon Granite Harbor Horizon Iris Juniper Keystone Lumen Meridian Nimbus Orion Pinnacle ' +
  'Quartz Raven Sierra Summit Titan Vertex Willow Zenith Aurora Cobalt Everest Helix Kestrel Nova Onyx Polaris Sable Talon Vector').split(' ');
const WESTERN_SYLLABLES = ('ar bel cor dex el fin gal har in jor kel lan mar nex or pel quin ros sol tek ul var wex xan yor zan tron dyn ' +
  'lux vor ix on ra ta mi co ver sys tal gen').split(' ');
const WESTERN_KIND = ['Industries', 'Systems', 'Solutions', 'Components', 'Electronics', 'Logistics', 'Trading', 'Technologies', 'Holdings'];
const WESTERN_LEGAL = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'FZE', 'LLP', 'Pte. Ltd.', 'OOO'];
const COUNTRIES = ['CN', 'CN', 'CN', 'CN', 'HK', 'SG', 'RU', 'AE', 'MY', 'TR', 'IR'];

function brand(): string {
  return cap(pick(SYLLABLES) + pick(SYLLABLES));
}

function syntheticEntry(i: number): ListEntry {
  const country = pick(COUNTRIES);
  let name: string;
  const aliases: string[] = [];
  if (random() < 0.7) {
    const b = brand();
    const city = pick(CITIES);
    const descriptor = pick(DESCRIPTORS);
    name = random() < 0.5 ? `${city} ${b} ${descriptor} ${pick(LEGAL)}` : `${b} ${descriptor} (${city}) ${pick(LEGAL)}`;
    if (random() < 0.5) aliases.push(`${b} ${descriptor}`);
    if (random() < 0.2) aliases.push(b.toUpperCase().slice(0, 3) + pick(['T', 'E', 'S']));
  } else {
    const coined = cap(pick(WESTERN_SYLLABLES) + pick(WESTERN_SYLLABLES) + pick(WESTERN_SYLLABLES));
    name = random() < 0.5 ? `${coined} ${pick(WESTERN_KIND)} ${pick(WESTERN_LEGAL)}` : `${pick(WESTERN)} ${coined} ${pick(WESTERN_KIND)} ${pick(WESTERN_LEGAL)}`;
    if (random() < 0.3) aliases.push(`${coined} ${pick(WESTERN_KIND)}`);
  }
  return {
    id: `SYNTHETIC-${i}`, list: pick(['EL', 'EL', 'SDN', 'MEU', 'UVL']), source: 'SYNTHETIC (benchmark only, not a real listing)', name, aliases,
    countries: [country], addresses: [], federal_register: null, license_requirement: null, license_policy: null, footnotes: [], start_date: null,
    source_ids: [],
  };
}

/** One realistic typo: delete, double or swap a letter of the longest word. */
function typo(name: string): string {
  const words = name.split(' ');
  let w = 0;
  words.forEach((x, i) => (x.length > words[w]!.length ? (w = i) : 0));
  const word = words[w]!;
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = random();
  words[w] = kind < 0.33 ? word.slice(0, at) + word.slice(at + 1)
    : kind < 0.66 ? word.slice(0, at) + word[at] + word.slice(at)
      : word.slice(0, at) + (word[at + 1] ?? '') + word[at] + word.slice(at + 2);
  return words.join(' ');
}

const real = shippedLists().entries;
export const entries = [...real];
for (let i = entries.length; i < TOTAL_ENTRIES; i++) entries.push(syntheticEntry(i));
const evalQueries = loadCases().map((c) => c.query);

export const queries: string[] = [];
for (let i = 0; i < QUERIES; i++) {
  const r = random();
  const e = pick(entries);
  if (r < 0.3) queries.push(e.name);
  else if (r < 0.5) queries.push(typo(e.name));
  else if (r < 0.6) queries.push(e.aliases[0] ?? e.name.split(' ').reverse().join(' '));
  else if (r < 0.75) queries.push(pick(evalQueries));
  else queries.push(random() < 0.5 ? `${pick(CITIES)} ${brand()} ${pick(DESCRIPTORS)} Co., Ltd.` : `${pick(WESTERN)} ${brand()} ${pick(WESTERN_KIND)} Inc.`);
}

const transliterate = await loadPinyinTransliterate();
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

if (isMain) main();

function main(): void {
const built = time(() => createScreener(entries, { transliterate }));
const scanner = createScreener(entries, { transliterate, scanAll: true });

interface Run {
  qps: number;
  p50: number;
  p99: number;
  reported: number;
}

/** Times each query after one untimed pass over all of them, so the JIT has compiled the hot code. */
function measure(screen: (q: string) => number, qs: readonly string[]): Run {
  for (const q of qs) screen(q);
  const latencies: number[] = [];
  let reported = 0;
  const t0 = process.hrtime.bigint();
  for (const q of qs) {
    const t = process.hrtime.bigint();
    reported += screen(q);
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { qps: qs.length / seconds, p50: at(0.5), p99: at(0.99), reported };
}

const viaScreener = (s: Screener) => (q: string) => s.screen({ name: q }).length;
const indexed = measure(viaScreener(built.value), queries);
const baselineQueries = queries.slice(0, BASELINE_QUERIES);
const indexedSame = measure(viaScreener(built.value), baselineQueries);
const scanned = measure(viaScreener(scanner), baselineQueries);
const fuse = new Fuse(entries.map((e) => ({ names: [e.name, ...e.aliases] })), { keys: ['names'], ignoreLocation: true, threshold: 0.4 });
const fused = measure((q) => fuse.search(q, { limit: 10 }).length, baselineQueries.slice(0, FUSE_QUERIES));

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const line = (label: string, r: Run) => `${label.padEnd(44)} ${n(r.qps).padStart(8)} q/s   p50 ${r.p50.toFixed(3)} ms   p99 ${r.p99.toFixed(3)} ms`;
console.log(`node ${process.version} on ${process.platform}/${process.arch}, single thread`);
console.log(`entries: ${entries.length.toLocaleString('en-US')} (${real.length} real shipped rows + ${(entries.length - real.length).toLocaleString('en-US')} SYNTHETIC, seeded PRNG); index built in ${built.ms.toFixed(0)} ms`);
console.log(`queries: ${QUERIES.toLocaleString('en-US')} (exact names, one-letter typos, aliases or reordered names, the ${evalQueries.length} evaluation queries incl. Chinese, unlisted names)`);
console.log(line('chiplaw, inverted index', indexed) + `   target >= ${n(TARGET_QPS)} q/s  ${indexed.qps >= TARGET_QPS ? 'MET' : 'NOT MET'}`);
console.log(`baselines on the first ${BASELINE_QUERIES} queries:`);
console.log(line('  chiplaw, inverted index (same queries)', indexedSame));
console.log(line('  linear scan, same scorer (every name)', scanned) + `   index is ${(indexedSame.qps / scanned.qps).toFixed(0)}x faster`);
console.log(line(`  fuse.js 7 (first ${FUSE_QUERIES} queries), threshold 0.4`, fused) + `   index is ${(indexedSame.qps / fused.qps).toFixed(0)}x faster`);
console.log(`matches reported on those queries: index ${indexedSame.reported}, linear scan ${scanned.reported} (the index must lose none)`);
const key = (s: Screener, q: string) => s.screen({ name: q }).map((m) => `${m.entry_id} ${m.score}`).join('\n');
const lost = baselineQueries.filter((q) => key(built.value, q) !== key(scanner, q));
for (const q of lost.slice(0, 10)) console.log(`  differs: "${q}"\n    index: ${key(built.value, q).replace(/\n/g, ', ')}\n    scan:  ${key(scanner, q).replace(/\n/g, ', ')}`);
}
