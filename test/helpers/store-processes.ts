import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ROOT } from './cli.js';

const CHILD = fileURLToPath(new URL('./store-child.ts', import.meta.url));

/** A running `store-child.ts`: the lines it printed after `ready`, and its end. */
export interface StoreChild {
  lines: string[];
  /** Resolves once the child has printed `count` lines; rejects if it ends first. */
  printed(count: number): Promise<void>;
  /** Resolves when the child has exited and its output is read; rejects when it failed (not when killed). */
  finished: Promise<void>;
  kill(): void;
}

interface Started {
  child: StoreChild;
  ready: Promise<void>;
  go(): void;
}

function spawnChild(args: string[]): Started {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let ended = false;
  let seenReady = false;
  const lineWaiters: Array<{ count: number; resolve: () => void; reject: (e: Error) => void }> = [];
  let readyCallbacks!: { resolve: () => void; reject: (e: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (readyCallbacks = { resolve, reject }));
  let finishedCallbacks!: { resolve: () => void; reject: (e: Error) => void };
  const finished = new Promise<void>((resolve, reject) => (finishedCallbacks = { resolve, reject }));
  // Awaited by every test; this keeps a failure reported there rather than as an unhandled rejection.
  finished.catch(() => {});

  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    if (!seenReady) {
      seenReady = line === 'ready';
      if (seenReady) readyCallbacks.resolve();
      return;
    }
    lines.push(line);
    for (const waiter of lineWaiters) if (lines.length >= waiter.count) waiter.resolve();
  });
  proc.on('close', (code, signal) => {
    ended = true;
    const failure = code !== 0 && signal !== 'SIGKILL' ? new Error(`store child ${args.join(' ')} exited ${code ?? signal}: ${stderr}`) : null;
    if (!seenReady) readyCallbacks.reject(failure ?? new Error(`store child ended before ready: ${stderr}`));
    for (const waiter of lineWaiters) waiter.reject(new Error(`store child ended after ${lines.length} of ${waiter.count} lines: ${stderr}`));
    if (failure) finishedCallbacks.reject(failure);
    else finishedCallbacks.resolve();
  });

  return {
    child: {
      lines,
      printed: (count) =>
        lines.length >= count
          ? Promise.resolve()
          : ended
            ? Promise.reject(new Error(`store child ended after ${lines.length} of ${count} lines: ${stderr}`))
            : new Promise((resolve, reject) => lineWaiters.push({ count, resolve, reject })),
      finished,
      kill: () => proc.kill('SIGKILL'),
    },
    ready,
    go: () => proc.stdin.end('go\n'),
  };
}

/** Starts one child per argument list and lets them all begin at once, when every one has opened the store. */
export async function startChildren(...argLists: string[][]): Promise<StoreChild[]> {
  const started = argLists.map(spawnChild);
  try {
    await Promise.all(started.map((s) => s.ready));
  } catch (error) {
    for (const s of started) s.child.kill();
    throw error;
  }
  for (const s of started) s.go();
  return started.map((s) => s.child);
}
