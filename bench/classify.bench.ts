/**
 * Classification throughput over the whole catalog (single thread, rules already loaded), and the cold start of
 * `chiplaw classify`, next to the cold start of a bare `node -e 0` measured in the same run as the baseline.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chipFacts } from '../dist/core/catalog/facts.js';
import { classifyChip } from '../dist/core/classify/chip-report.js';
import { classifyCore } from '../dist/core/classify/eccn.js';
import { loadDataset } from '../dist/load/dataset.js';

const data = await loadDataset();
const entries = [...data.catalog.values()];
const dates = ['2023-01-01', '2024-06-01', '2025-06-01', '2026-06-01'];

/** The decision: facts from the chip's metrics, then the dated tests. */
function decide(rounds: number): number {
  let controlled = 0;
  for (let r = 0; r < rounds; r++) {
    const on = dates[r % dates.length]!;
    for (const e of entries) if (classifyCore(chipFacts(e.chip, e.metrics), data.eccn3a090, on).status === 'controlled') controlled++;
  }
  return controlled;
}

/** The decision plus its full explanation (every test, its inputs), as `classify --json` prints it. */
function explain(rounds: number): number {
  let controlled = 0;
  for (let r = 0; r < rounds; r++) {
    const on = dates[r % dates.length]!;
    for (const e of entries) if (classifyChip(e.chip, e.metrics, data.eccn3a090, on).status === 'controlled') controlled++;
  }
  return controlled;
}

function perSecondOf(fn: (rounds: number) => number, rounds: number): { perSecond: number; sink: number } {
  fn(Math.ceil(rounds / 10));
  const t0 = process.hrtime.bigint();
  const sink = fn(rounds);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { perSecond: (rounds * entries.length) / seconds, sink };
}

const decided = perSecondOf(decide, 40000);
const explained = perSecondOf(explain, 10000);
const perSecond = decided.perSecond;

function medianMs(cmd: string[], times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, cmd, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const baseline = medianMs(['-e', '0'], 10);
const cold = medianMs([main, 'classify', 'nvidia-h20', '--on', '2025-06-01', '--json'], 10);

console.log(`node ${process.version} on ${process.platform}/${process.arch}`);
console.log(`catalog: ${entries.length} chips x ${dates.length} dates, rules loaded once`);
console.log(`classifications per second (single thread): ${Math.round(perSecond).toLocaleString('en-US')}  target >= 1,000,000  ${perSecond >= 1e6 ? 'MET' : 'NOT MET'}`);
console.log(`with full explanation (classify --json object): ${Math.round(explained.perSecond).toLocaleString('en-US')} per second`);
console.log(`cold start, chiplaw classify --json (median of 10): ${cold.toFixed(0)} ms  target < 300 ms  ${cold < 300 ? 'MET' : 'NOT MET'}`);
console.log(`baseline, node -e 0 (median of 10): ${baseline.toFixed(0)} ms  -> chiplaw adds ${(cold - baseline).toFixed(0)} ms (${(cold / baseline).toFixed(1)}x)`);
