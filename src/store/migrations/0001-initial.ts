import { sql, type Kysely } from 'kysely';

/**
 * The first schema. A migration is frozen once released: change the schema with a new file, never by editing
 * this one (a database that ran it would not run it again). See `../schema.ts` for what the columns hold.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('ruleset_hash', 'text', (c) => c.notNull())
    .addColumn('list_versions', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('chip', 'text')
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // NULL keys are distinct in both databases, so only entries that carry a key are constrained.
  await db.schema
    .createIndex('ledger_entry_idempotency')
    .unique()
    .on('ledger_entry')
    .columns(['caller', 'idempotency_key'])
    .execute();
  for (const column of ['created_at', 'kind', 'verdict', 'chip']) {
    await db.schema.createIndex(`ledger_entry_${column}`).on('ledger_entry').column(column).execute();
  }

  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into ledger_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await db.schema
    .createTable('decision_party')
    .addColumn('decision_seq', 'bigint', (c) => c.notNull().references('ledger_entry.seq'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_party_pk', ['decision_seq', 'position'])
    .execute();

  await db.schema
    .createTable('obligation')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('ledger_entry.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('percent', 'double precision')
    .addColumn('amount_cents', 'bigint')
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('obligation_pk', ['decision_id', 'position'])
    .execute();
  await db.schema.createIndex('obligation_on_date').on('obligation').column('on_date').execute();

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('licence')
    .addColumn('licence_number', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('chips', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('consignee', 'text', (c) => c.notNull())
    .addColumn('quantity_limit', 'bigint')
    .addColumn('value_limit_cents', 'bigint')
    .addColumn('quantity_used', 'bigint', (c) => c.notNull())
    .addColumn('value_used_cents', 'bigint', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The application refuses over-use first; these make an over-use impossible to store by any path.
    .addCheckConstraint('licence_quantity_within_limit', sql`quantity_limit is null or quantity_used <= quantity_limit`)
    .addCheckConstraint('licence_value_within_limit', sql`value_limit_cents is null or value_used_cents <= value_limit_cents`)
    .execute();

  await db.schema
    .createTable('licence_shipment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('licence_number', 'text', (c) => c.notNull().references('licence.licence_number'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('value_cents', 'bigint', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.references('ledger_entry.id'))
    .addColumn('shipped_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licence_shipment_licence').on('licence_shipment').column('licence_number').execute();

  await db.schema
    .createTable('list_version')
    .addColumn('content_hash', 'text', (c) => c.primaryKey())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('source_date', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('list_version_imported_at').on('list_version').column('imported_at').execute();
}
