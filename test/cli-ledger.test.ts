import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { runCli } from './helpers/cli.js';

describe('chiplaw ledger verify (CLI)', () => {
  it('records CLI decisions with --record and detects a hand-edited row', () => {
    const home = mkdtempSync(join(tmpdir(), 'chiplaw-ledger-'));
    const db = join(home, 'ledger.sqlite');
    const env = { CHIPLAW_HOME: home };
    for (const [chip, to] of [['nvidia-h20', 'CN'], ['nvidia-l40', 'AE'], ['nvidia-h100-sxm5-80gb', 'DE']]) {
      const r = runCli(['check', '--chip', chip!, '--to', to!, '--on', '2025-09-01', '--buyer', 'Example Compute Ltd', '--buyer-hq', to!, '--record', '--db', db, '--json'], undefined, env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /recorded as ledger entry \d+/);
    }
    const ok = runCli(['ledger', 'verify', '--db', db, '--json'], undefined, env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual([JSON.parse(ok.stdout).ok, JSON.parse(ok.stdout).entries], [true, 3]);

    const sqlite = new SqliteDatabase(db);
    sqlite.prepare("update ledger_entry set verdict = 'allowed' where seq = 2").run();
    sqlite.close();
    const broken = runCli(['ledger', 'verify', '--db', db], undefined, env);
    assert.equal(broken.code, 3);
    assert.match(broken.stdout, /ledger BROKEN at entry 2 \(hash_mismatch\)/);
  });
});
