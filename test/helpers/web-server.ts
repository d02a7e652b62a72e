import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ROOT } from './cli.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** A `chiplaw serve` child and what it printed on start. */
export interface ServedChiplaw {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** The admin key printed once on an empty store ('' when the store already had one). */
  adminKey: string;
  /** The one-time sign-in link. */
  signInUrl: string;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
  /** Sends a signal at once, e.g. SIGKILL to test what survives a crash. */
  kill(signal: NodeJS.Signals): void;
}

const LISTENING = /^chiplaw: listening on (http:\/\/\S+)/;
const ADMIN_KEY = /^chiplaw: admin API key \(shown once\): (chl_\S+)/;
const SIGN_IN = /^chiplaw: sign in: (http:\/\/\S+)/;

/**
 * Starts the built server on a free loopback port and reads its start-up lines. On a store that already has an
 * admin key (a restart, a second server on one database) pass `expectAdminKey: false`.
 */
export async function serveChiplaw(db: string, { timeoutMs = 30_000, expectAdminKey = true }: { timeoutMs?: number; expectAdminKey?: boolean } = {}): Promise<ServedChiplaw> {
  const proc = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(proc, 'exit');

  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const seen: { url?: string; adminKey?: string; signInUrl?: string } = {};
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`chiplaw serve printed no sign-in link within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`chiplaw serve exited (${code ?? signal}) before it was ready; stderr: ${stderr}`));
      });
      // The sign-in link is the last of the three lines, printed once the server listens.
      createInterface({ input: proc.stdout }).on('line', (line) => {
        seen.url ??= LISTENING.exec(line)?.[1];
        seen.adminKey ??= ADMIN_KEY.exec(line)?.[1];
        seen.signInUrl ??= SIGN_IN.exec(line)?.[1];
        if (seen.signInUrl) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  if (!seen.url || (expectAdminKey && !seen.adminKey) || !seen.signInUrl) {
    await stop();
    throw new Error(`chiplaw serve did not print its URL, admin key and sign-in link: ${JSON.stringify(seen)}`);
  }
  return { url: seen.url.replace(/\/$/, ''), adminKey: seen.adminKey ?? '', signInUrl: seen.signInUrl, stop, kill: (signal) => proc.kill(signal) };
}
