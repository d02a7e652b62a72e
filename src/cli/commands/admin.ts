import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { defaultDatabase } from '../../service/paths.js';
import { printJson } from '../io.js';

const ROLES = ['viewer', 'analyst', 'admin'] as const;

/** Exit code of `ledger verify` when the chain is broken: distinct from bad input (2) and internal errors (1). */
const EXIT_LEDGER_BROKEN = 3;

async function withStore<T>(db: string | undefined, fn: (store: import('../../store/index.js').Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../../store/index.js');
  const store = await openStore(db ?? defaultDatabase());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function cliCaller(): string {
  return `cli:${userInfo().username}`;
}

export function registerAdmin(program: Command): void {
  const keys = program.command('keys').description('API keys for the HTTP service');
  keys
    .command('create')
    .description('create an API key; the key is printed once')
    .requiredOption('--role <role>', 'viewer, analyst or admin')
    .option('--label <text>', 'what the key is for')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default .chiplaw/chiplaw.sqlite)')
    .option('--json', 'print JSON')
    .action(async (opts: { role: string; label?: string; db?: string; json?: boolean }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new InputError(`--role: "${opts.role}" is not one of ${ROLES.join(', ')}`, '--role', opts.role);
      const key = await withStore(opts.db, (s) => s.createApiKey(opts.role as (typeof ROLES)[number], opts.label));
      if (opts.json) printJson(key);
      else console.log(`${key.key}\n(${key.role} key ${key.id}; store it now, it is not shown again)`);
    });
  keys
    .command('list')
    .description('list API keys (never their secrets)')
    .option('--db <path|url>', 'SQLite file or postgres:// URL')
    .action(async (opts: { db?: string }) => printJson(await withStore(opts.db, (s) => s.listApiKeys())));

  const ledger = program.command('ledger').description('the tamper-evident decision ledger');
  ledger
    .command('verify')
    .description('recompute the hash chain; exit 3 and name the first broken entry if it was altered')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default .chiplaw/chiplaw.sqlite)')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const result = await withStore(opts.db, (s) => s.verifyLedger());
      if (opts.json) printJson(result);
      else if (result.ok) console.log(`ledger ok: ${result.entries} entries, head ${result.head.seq} ${result.head.hash}`);
      else console.log(`ledger BROKEN at entry ${result.first_broken!.seq} (${result.first_broken!.reason}); ${result.entries} entries before it are intact`);
      if (!result.ok) process.exitCode = EXIT_LEDGER_BROKEN;
    });
}
