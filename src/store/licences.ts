import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { InputError } from '../core/errors.js';
import type { Backend } from './backend.js';
import { canonicalJson } from './canonical-json.js';
import { ConflictError, NotFoundError, ShipmentRefusedError } from './errors.js';
import type { Database, LicenceShipmentTable, LicenceTable } from './schema.js';
import type {
  Licence,
  LicenceBalance,
  LicenceCondition,
  LicenceInput,
  RecordedShipment,
  Shipment,
  ShipmentInput,
} from './store.js';
import {
  centsToUsd,
  isoDate,
  optionalText,
  plainObject,
  positiveInteger,
  requiredText,
  stringArray,
  usdToCents,
} from './validate.js';

const COUNTRY_CODE = /^[A-Z]{2}$/;

/** A limit must be given, as a number or as null for none: a licence left unlimited by omission would be a trap. */
function limit<T>(field: string, value: unknown, read: (field: string, value: unknown) => T): T | null {
  if (value === undefined) throw new InputError(`${field} is required (null for no limit)`, field, value);
  return value === null ? null : read(field, value);
}

function prepareLicence(licence: LicenceInput): Selectable<LicenceTable> {
  const l = plainObject('licence', licence) as Partial<LicenceInput>;
  const chips = stringArray('chips', l.chips, 200);
  if (chips.length === 0) throw new InputError('chips must name at least one chip', 'chips', l.chips);
  if (typeof l.destination !== 'string' || !COUNTRY_CODE.test(l.destination)) {
    throw new InputError('destination must be an ISO 3166-1 alpha-2 code in capitals, e.g. CN', 'destination', l.destination);
  }
  const conditions = l.conditions ?? [];
  if (!Array.isArray(conditions)) throw new InputError('conditions must be an array', 'conditions', conditions);
  conditions.forEach((c: unknown, i) => {
    const condition = plainObject(`conditions[${i}]`, c);
    const kind = requiredText(`conditions[${i}].kind`, condition.kind, 100);
    if (!CONDITION_KINDS.includes(kind)) throw new InputError(`conditions[${i}].kind must be one of ${CONDITION_KINDS.join(', ')}`, `conditions[${i}].kind`, kind);
    const percent = condition.percent;
    if (percent !== undefined && (typeof percent !== 'number' || !(percent > 0 && percent <= 100))) {
      throw new InputError(`conditions[${i}].percent must be a number above 0 and at most 100`, `conditions[${i}].percent`, percent);
    }
  });
  const validFrom = isoDate('valid_from', l.valid_from);
  const validTo = isoDate('valid_to', l.valid_to);
  if (validFrom > validTo) throw new InputError('valid_from is after valid_to', 'valid_from', validFrom);
  return {
    licence_number: requiredText('licence_number', l.licence_number, 100),
    holder: requiredText('holder', l.holder, 500),
    chips: canonicalJson(chips),
    destination: l.destination,
    consignee: requiredText('consignee', l.consignee, 500),
    quantity_limit: limit('quantity_limit', l.quantity_limit, positiveInteger),
    value_limit_cents: limit('value_limit_usd', l.value_limit_usd, usdToCents),
    quantity_used: 0,
    value_used_cents: 0,
    conditions: canonicalJson(conditions, 'conditions'),
    valid_from: validFrom,
    valid_to: validTo,
    created_at: new Date().toISOString(),
  };
}

function balanceFromRow(row: Selectable<LicenceTable>): LicenceBalance {
  return {
    licence_number: row.licence_number,
    quantity_limit: row.quantity_limit,
    quantity_used: row.quantity_used,
    quantity_remaining: row.quantity_limit === null ? null : row.quantity_limit - row.quantity_used,
    value_limit_usd: row.value_limit_cents === null ? null : centsToUsd(row.value_limit_cents),
    value_used_usd: centsToUsd(row.value_used_cents),
    value_remaining_usd: row.value_limit_cents === null ? null : centsToUsd(row.value_limit_cents - row.value_used_cents),
  };
}

function licenceFromRow(row: Selectable<LicenceTable>): Licence {
  return {
    ...balanceFromRow(row),
    holder: row.holder,
    chips: JSON.parse(row.chips) as string[],
    destination: row.destination,
    consignee: row.consignee,
    conditions: JSON.parse(row.conditions) as LicenceCondition[],
    valid_from: row.valid_from,
    valid_to: row.valid_to,
    created_at: row.created_at,
  };
}

function shipmentFromRow(row: Selectable<LicenceShipmentTable>): Shipment {
  return {
    id: row.id,
    licence_number: row.licence_number,
    quantity: row.quantity,
    value_usd: centsToUsd(row.value_cents),
    decision_id: row.decision_id,
    shipped_on: row.shipped_on,
    recorded_at: row.recorded_at,
  };
}

/** What a licence condition may be: a share of revenue or a tariff owed, or any other term (described in text). */
const CONDITION_KINDS = ['revenue_share', 'tariff', 'other'];

export async function createLicence(db: Kysely<Database>, licence: LicenceInput): Promise<Licence> {
  const row = prepareLicence(licence);
  // ON CONFLICT rather than look-then-insert: two concurrent creates of one number cannot both pass.
  const result = await db
    .insertInto('licence')
    .values(row)
    .onConflict((oc) => oc.column('licence_number').doNothing())
    .executeTakeFirst();
  if (!result.numInsertedOrUpdatedRows) {
    throw new ConflictError(`licence ${row.licence_number} exists already`, 'licence_number', row.licence_number);
  }
  return licenceFromRow(row);
}

function findLicence(db: Kysely<Database>, licenceNumber: string) {
  return db.selectFrom('licence').selectAll().where('licence_number', '=', licenceNumber).executeTakeFirst();
}

export async function getLicence(db: Kysely<Database>, licenceNumber: string): Promise<Licence | null> {
  if (typeof licenceNumber !== 'string') return null;
  const row = await findLicence(db, licenceNumber);
  return row ? licenceFromRow(row) : null;
}

export async function listLicences(db: Kysely<Database>): Promise<Licence[]> {
  const rows = await db.selectFrom('licence').selectAll().orderBy('licence_number').execute();
  return rows.map(licenceFromRow);
}

async function existingLicence(db: Kysely<Database>, licenceNumber: string): Promise<Selectable<LicenceTable>> {
  const row = typeof licenceNumber === 'string' ? await findLicence(db, licenceNumber) : undefined;
  if (!row) throw new NotFoundError(`no licence ${String(licenceNumber)}`, 'licence_number', licenceNumber);
  return row;
}

export async function remaining(db: Kysely<Database>, licenceNumber: string): Promise<LicenceBalance> {
  return balanceFromRow(await existingLicence(db, licenceNumber));
}

export async function listShipments(db: Kysely<Database>, licenceNumber: string): Promise<Shipment[]> {
  await existingLicence(db, licenceNumber);
  const rows = await db
    .selectFrom('licence_shipment')
    .selectAll()
    .where('licence_number', '=', licenceNumber)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map(shipmentFromRow);
}

/**
 * The licence row is read and updated inside one writer-exclusive transaction (row lock on PostgreSQL,
 * BEGIN IMMEDIATE on SQLite), so racing shipments are checked one after another against what is really left.
 */
export async function recordShipment(backend: Backend, licenceNumber: string, shipment: ShipmentInput): Promise<RecordedShipment> {
  const s = plainObject('shipment', shipment) as Partial<ShipmentInput>;
  const quantity = positiveInteger('quantity', s.quantity);
  const valueCents = usdToCents('value_usd', s.value_usd);
  const decisionId = optionalText('decision_id', s.decision_id, 100);
  const shippedOn = isoDate('shipped_on', s.shipped_on);
  return backend.writeTransaction(async (trx) => {
    let select = trx.selectFrom('licence').selectAll().where('licence_number', '=', licenceNumber);
    if (backend.rowLocks) select = select.forUpdate();
    const licence = typeof licenceNumber === 'string' ? await select.executeTakeFirst() : undefined;
    if (!licence) throw new NotFoundError(`no licence ${String(licenceNumber)}`, 'licence_number', licenceNumber);
    if (decisionId !== null) {
      const decision = await trx.selectFrom('ledger_entry').select('id').where('id', '=', decisionId).executeTakeFirst();
      if (!decision) throw new NotFoundError(`no decision ${decisionId}`, 'decision_id', decisionId);
    }
    const before = balanceFromRow(licence);
    const refuse = (message: string, field: string, value: unknown, reason: ShipmentRefusedError['reason']) =>
      new ShipmentRefusedError(`licence ${licence.licence_number}: ${message}`, field, value, reason, {
        quantity: before.quantity_remaining,
        value_usd: before.value_remaining_usd,
      });
    if (shippedOn < licence.valid_from || shippedOn > licence.valid_to) {
      throw refuse(`valid ${licence.valid_from} to ${licence.valid_to}, not on ${shippedOn}`, 'shipped_on', shippedOn, 'outside_validity');
    }
    if (licence.quantity_limit !== null && licence.quantity_used + quantity > licence.quantity_limit) {
      throw refuse(`${quantity} units asked, ${before.quantity_remaining} left`, 'quantity', quantity, 'quantity_exceeded');
    }
    if (licence.value_limit_cents !== null && licence.value_used_cents + valueCents > licence.value_limit_cents) {
      throw refuse(`USD ${centsToUsd(valueCents)} asked, USD ${before.value_remaining_usd} left`, 'value_usd', s.value_usd, 'value_exceeded');
    }
    const updated = { ...licence, quantity_used: licence.quantity_used + quantity, value_used_cents: licence.value_used_cents + valueCents };
    await trx
      .updateTable('licence')
      .set({ quantity_used: updated.quantity_used, value_used_cents: updated.value_used_cents })
      .where('licence_number', '=', licence.licence_number)
      .execute();
    const row = {
      id: randomUUID(),
      licence_number: licence.licence_number,
      quantity,
      value_cents: valueCents,
      decision_id: decisionId,
      shipped_on: shippedOn,
      recorded_at: new Date().toISOString(),
    };
    await trx.insertInto('licence_shipment').values(row).execute();
    return { shipment: shipmentFromRow(row), balance: balanceFromRow(updated) };
  });
}
