/**
 * A second process working on a store, for the contract suite's concurrency and crash tests:
 *
 *   node --import tsx test/helpers/store-child.ts <mode> <target> [args…]
 *
 * It opens the store, prints `ready`, waits for a line on stdin (so that racing children start together), then:
 *   append <caller> <count> [key-prefix]  appends <count> decisions, printing {"seq","id","replayed"} after each;
 *                                         with a key prefix, decision i (when even) carries key <key-prefix>-<i>
 *   append-forever <caller>               appends until killed, printing `<seq> <id>` once each append returned
 *   ship <licence> <count>                records <count> shipments of 1 unit and USD 1, printing shipped/refused
 * Lines are written synchronously, so a line printed is a line the parent will read even if the child is killed.
 */
import { writeSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openStore, ShipmentRefusedError, type DecisionInput } from '../../dist/store/index.js';

const [mode, target, ...args] = process.argv.slice(2);
if (!mode || !target) throw new Error('usage: store-child.ts <mode> <target> [args…]');
const say = (line: string) => writeSync(1, `${line}\n`);

const decision = (caller: string, n: number, idempotencyKey?: string): DecisionInput => ({
  kind: 'check',
  input: { order: n },
  output: { verdict: 'allowed' },
  ruleset_hash: 'child-ruleset',
  list_versions: {},
  caller,
  idempotency_key: idempotencyKey,
  verdict: 'allowed',
});

const store = await openStore(target);
say('ready');
await once(createInterface({ input: process.stdin }), 'line');

if (mode === 'append') {
  const [caller = 'child', count = '0', keyPrefix] = args;
  for (let i = 0; i < Number(count); i++) {
    const keyed = keyPrefix !== undefined && i % 2 === 0;
    const { entry, replayed } = await store.appendDecision(decision(caller, i, keyed ? `${keyPrefix}-${i}` : undefined));
    say(JSON.stringify({ seq: entry.seq, id: entry.id, replayed }));
  }
} else if (mode === 'append-forever') {
  const [caller = 'child'] = args;
  for (let i = 0; ; i++) {
    const { entry } = await store.appendDecision(decision(caller, i));
    say(`${entry.seq} ${entry.id}`);
  }
} else if (mode === 'ship') {
  const [licence = '', count = '0'] = args;
  for (let i = 0; i < Number(count); i++) {
    try {
      await store.recordShipment(licence, { quantity: 1, value_usd: 1, shipped_on: '2025-06-01' });
      say('shipped');
    } catch (error) {
      if (!(error instanceof ShipmentRefusedError)) throw error;
      say('refused');
    }
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
await store.close();
