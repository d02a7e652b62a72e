import type { Decision } from '../core/decide/decide.js';
import type { DecisionInput } from '../store/index.js';

/**
 * What the ledger keeps for an order decision: the request, the answer, the rule-set and list versions, and the
 * summary fields and obligations that filters and the obligations report read. Obligations still in doubt
 * (`certain: false`) are in the answer but not summed as owed.
 */
export function decisionRecord(input: unknown, decision: Decision, caller: string, listVersions: Record<string, string>, idempotencyKey?: string): DecisionInput {
  return {
    kind: 'check',
    input,
    output: decision,
    ruleset_hash: decision.ruleset.hash,
    list_versions: listVersions,
    caller,
    ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}),
    verdict: decision.verdict,
    chip: decision.chip.chip,
    parties: decision.parties.flatMap((p) => (p.name ? [p.name] : [])),
    on_date: decision.on,
    obligations: decision.obligations
      .filter((o) => o.certain)
      .map((o) => ({ kind: o.kind, payee: o.payee ?? 'unknown', percent: o.percent, amount_usd: o.amount_usd, on_date: decision.on })),
  };
}
