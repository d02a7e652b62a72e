import { classifyChip, type ChipClassification } from '../core/classify/chip-report.js';
import { chipMetrics } from '../core/catalog/facts.js';
import type { IsoDate } from '../core/dates.js';
import { decide, type Decision } from '../core/decide/decide.js';
import type { Licence as CoreLicence } from '../core/decide/licences.js';
import { InputError } from '../core/errors.js';
import type { Dataset } from '../load/dataset.js';
import { parseOrder } from '../load/order.js';
import { chipFromSpec } from '../load/spec.js';
import type { AppendedDecision, Licence, Store } from '../store/index.js';
import { decisionRecord } from './decision-record.js';
import type { PartyScreening } from './parties.js';

/** What a caller asked and what chiplaw answered, with its ledger entry. */
export interface RecordedDecision {
  decision: Decision;
  /** `decision` as recorded in the ledger (canonical JSON): what an API response sends. */
  decisionJson: string;
  ledger: { id: string; seq: number; hash: string; replayed: boolean };
}

function toCoreLicence(l: Licence): CoreLicence {
  return {
    number: l.licence_number,
    holder: l.holder,
    chips: l.chips,
    destination: l.destination,
    consignee: l.consignee,
    quantityLimit: l.quantity_limit,
    valueLimitUsd: l.value_limit_usd,
    quantityUsed: l.quantity_used,
    valueUsedUsd: l.value_used_usd,
    conditions: l.conditions.map((c) => ({
      kind: c.kind === 'revenue_share' || c.kind === 'tariff' ? c.kind : 'other',
      ...(typeof c.percent === 'number' ? { percent: c.percent } : {}),
      ...(typeof c.payee === 'string' ? { payee: c.payee } : {}),
    })),
    validFrom: l.valid_from,
    validTo: l.valid_to,
  };
}

/**
 * The engine with its state: data, party screening and the store. Interfaces (HTTP, CLI --record) call this so
 * that every decision is computed and recorded the same way.
 */
export class ChiplawService {
  constructor(
    readonly data: Dataset,
    /** Replaced when a new list version is imported. */
    public parties: PartyScreening,
    readonly store: Store,
  ) {}

  classifyCatalogChip(id: string, on: IsoDate): ChipClassification {
    const entry = this.data.catalog.get(id);
    if (!entry) throw new InputError(`chip: unknown chip id "${id}"`, 'chip', id);
    return classifyChip(entry.chip, entry.metrics, this.data.eccn3a090, on);
  }

  classifySpec(spec: unknown, on: IsoDate): ChipClassification {
    const chip = chipFromSpec(spec, 'spec', this.data.vendors);
    return classifyChip(chip, chipMetrics(chip, this.data.pcie), this.data.eccn3a090, on);
  }

  /**
   * Decides an order without recording it. Licences held matter only when a licence is needed, so the store is
   * read for them only then (the rest of the decision is pure and cheap to repeat).
   */
  async decide(input: unknown, label = 'order'): Promise<Decision> {
    const order = parseOrder(input, this.data, label);
    const ctx = {
      eccn: this.data.eccn3a090,
      rules: this.data.rules,
      countries: this.data.countries,
      screen: (name: string, country: string | null, on: string) => this.parties.screenParty(name, country, on),
      endUseTags: this.data.endUseTags,
      licences: [] as CoreLicence[],
      rulesetHash: this.data.hash,
    };
    const withoutLicences = decide(order, ctx);
    if (!withoutLicences.export.licence_required) return withoutLicences;
    const licences = (await this.store.listLicences()).filter((l) => l.chips.includes(order.chip.id)).map(toCoreLicence);
    return licences.length === 0 ? withoutLicences : decide(order, { ...ctx, licences });
  }

  /** Decides an order and appends it to the ledger; a repeated idempotency key returns the first answer. */
  async decideAndRecord(input: unknown, caller: string, idempotencyKey?: string): Promise<RecordedDecision> {
    return this.recordDecision(input, await this.decide(input), caller, idempotencyKey);
  }

  /**
   * Appends a decision made by `decide` to the ledger. Appends start in the order of the calls, so decisions
   * recorded together keep their order in the chain.
   */
  async recordDecision(input: unknown, decision: Decision, caller: string, idempotencyKey?: string): Promise<RecordedDecision> {
    const appended = await this.store.appendDecision(decisionRecord(input, decision, caller, this.parties.versions, idempotencyKey));
    return {
      decision: appended.replayed ? (appended.entry.output as Decision) : decision,
      decisionJson: appended.output_json,
      ledger: { id: appended.entry.id, seq: appended.entry.seq, hash: appended.entry.hash, replayed: appended.replayed },
    };
  }

  /** Appends any attributed action (a decision, a screening, a state change) to the ledger. */
  record(
    kind: string,
    input: unknown,
    output: unknown,
    caller: string,
    idempotencyKey?: string,
    summary: Partial<Pick<Parameters<Store['appendDecision']>[0], 'verdict' | 'chip' | 'parties' | 'on_date' | 'obligations'>> = {},
  ): Promise<AppendedDecision> {
    return this.store.appendDecision({
      kind,
      input,
      output,
      ruleset_hash: this.data.hash,
      list_versions: this.parties.versions,
      caller,
      ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}),
      ...summary,
    });
  }
}
