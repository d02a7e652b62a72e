/**
 * Load on POST /v1/check over loopback with autocannon, next to a bare node:http server answering a fixed JSON
 * body in the same run. Prints req/s, p50/p99 latency, errors and the server's resident memory before and after.
 * BENCH_SECONDS sets each run's length (default 10; the memory check uses 60).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const root = fileURLToPath(new URL('..', import.meta.url));

function start(args: string[], ready: RegExp): Promise<{ proc: ChildProcess; lines: string[]; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = ready.exec(line);
      if (match) resolve({ proc, lines, match });
    });
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function load(url: string, opts: Partial<autocannon.Options>) {
  const r = await autocannon({ url, connections, duration: seconds, ...opts });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, total: r.requests.total };
}

const bare = await start(['--import', 'tsx', 'bench/bare-server.ts'], /^bare: listening on (\S+)/);
const baseline = await load(bare.match[1]!, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
bare.proc.kill('SIGTERM');

const db = join(mkdtempSync(join(tmpdir(), 'chiplaw-bench-')), 'chiplaw.sqlite');
const server = await start([join(root, 'dist/cli/main.js'), 'serve', '--port', '0', '--db', db], /^chiplaw: sign in: /);
const url = /listening on (\S+)/.exec(server.lines.join('\n'))![1]!;
const admin = /admin API key \(shown once\): (\S+)/.exec(server.lines.join('\n'))![1]!;
const analyst = ((await (await fetch(`${url}/v1/keys`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'analyst', label: 'bench' }) })).json()) as { key: string }).key;

const orders = [
  { chip: 'nvidia-h20', to: 'CN', on: '2025-09-01', qty: 100, unit_price: 12000, buyer: 'Example Compute Ltd', buyer_hq: 'CN' },
  { chip: 'nvidia-h100-sxm5-80gb', to: 'DE', on: '2025-03-01', qty: 8, unit_price: 30000, buyer: 'Nordic AI Cloud AB', buyer_hq: 'SE' },
  { chip: 'nvidia-h200-sxm-141gb', to: 'CN', on: '2026-03-01', qty: 16, unit_price: 32000, buyer: 'Example Compute Ltd', buyer_hq: 'CN' },
  { chip: 'nvidia-l40', to: 'AE', on: '2024-06-01', qty: 4, unit_price: 9000, buyer: 'Gulf AI LLC', buyer_hq: 'AE' },
];
const headers = { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' };
await load(`${url}/v1/check`, { method: 'POST', headers, body: JSON.stringify(orders[0]), duration: 2 });
// Resident memory sampled through the run: growth that goes on after the first half (once the heap, SQLite's page
// cache and the writer thread have warmed up) would be a leak.
const rssSamples: number[] = [rssMb(server.proc.pid!)];
const sampler = setInterval(() => rssSamples.push(rssMb(server.proc.pid!)), (seconds * 1000) / 10);
const check = await load(`${url}/v1/check`, { method: 'POST', headers, requests: orders.map((o) => ({ method: 'POST', body: JSON.stringify(o) })) });
clearInterval(sampler);
rssSamples.push(rssMb(server.proc.pid!));
const rssMid = rssSamples[Math.floor(rssSamples.length / 2)]!;
const rssEnd = rssSamples[rssSamples.length - 1]!;
const verify = (await (await fetch(`${url}/v1/ledger/verify`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { ok: boolean; entries: number };
server.proc.kill('SIGTERM');

const ratio = check.rps / baseline.rps;
console.log(`node ${process.version}; ${connections} connections, ${seconds} s per run, loopback, SQLite ledger (WAL, synchronous=FULL, group commit)`);
console.log(`baseline bare node:http fixed JSON: ${Math.round(baseline.rps)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, errors ${baseline.errors}`);
console.log(`POST /v1/check (decide + ledger append): ${Math.round(check.rps)} req/s, p50 ${check.p50} ms, p99 ${check.p99} ms, errors ${check.errors}, ${check.total} decisions`);
console.log(`ratio to baseline: ${(ratio * 100).toFixed(0)}%  target >= 50%  ${ratio >= 0.5 ? 'MET' : 'NOT MET'};  p99 target < 20 ms  ${check.p99 < 20 ? 'MET' : 'NOT MET'};  errors ${check.errors === 0 ? 'none' : check.errors}`);
console.log(`server RSS (MB) through the run: ${rssSamples.map((mb) => mb.toFixed(0)).join(' ')}; second half ${(rssEnd - rssMid >= 0 ? '+' : '') + (rssEnd - rssMid).toFixed(1)} MB`);
console.log(`ledger verifies: ${verify.ok} (${verify.entries} entries)`);
