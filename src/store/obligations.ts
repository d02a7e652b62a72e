import type { Kysely } from 'kysely';
import { InputError } from '../core/errors.js';
import type { Database } from './schema.js';
import type { ObligationKind, ObligationTotal } from './store.js';
import { centsToUsd, isoDate } from './validate.js';

/** `2025-07-14` → `2025-Q3`. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Grouped here rather than in SQL: each figure lists its decisions, which would need string_agg on PostgreSQL
 * and group_concat on SQLite, and cents are summed exactly either way.
 */
export async function sumObligations(db: Kysely<Database>, from: string, to: string): Promise<ObligationTotal[]> {
  const first = isoDate('from', from);
  const last = isoDate('to', to);
  if (first > last) throw new InputError('from is after to', 'from', from);
  const rows = await db
    .selectFrom('obligation')
    .innerJoin('ledger_entry', 'ledger_entry.id', 'obligation.decision_id')
    .select(['obligation.kind', 'obligation.payee', 'obligation.amount_cents', 'obligation.on_date', 'obligation.decision_id'])
    .where('obligation.on_date', '>=', first)
    .where('obligation.on_date', '<=', last)
    .orderBy('ledger_entry.seq')
    .orderBy('obligation.position')
    .execute();
  const totals = new Map<string, { total: ObligationTotal; cents: number; decisions: Set<string> }>();
  for (const row of rows) {
    const quarter = quarterOf(row.on_date);
    const key = JSON.stringify([quarter, row.payee, row.kind]);
    let group = totals.get(key);
    if (!group) {
      const total = { quarter, payee: row.payee, kind: row.kind as ObligationKind, amount_usd: 0, obligations: 0, decision_ids: [] };
      group = { total, cents: 0, decisions: new Set() };
      totals.set(key, group);
    }
    group.cents += row.amount_cents ?? 0;
    group.total.obligations += 1;
    group.decisions.add(row.decision_id);
  }
  return [...totals.values()]
    .map(({ total, cents, decisions }) => ({ ...total, amount_usd: centsToUsd(cents), decision_ids: [...decisions] }))
    .sort((a, b) => compare(a.quarter, b.quarter) || compare(a.payee, b.payee) || compare(a.kind, b.kind));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
