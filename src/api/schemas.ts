import { z } from 'zod';
import { orderSchema } from '../load/order.js';
import { chipSpecSchema } from '../load/spec.js';

/** JSON Schema (draft-07 subset) for fastify/ajv, derived from the same zod schemas the CLI validates with. */
function fromZod(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export const isoDateSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar date YYYY-MM-DD' } as const;
export const countrySchema = { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166 alpha-2' } as const;

export const orderBodySchema = { ...fromZod(orderSchema), description: 'An order: exactly one of chip (catalog id) or spec.' };
export const chipSpecBodySchema = fromZod(chipSpecSchema);

const open = { type: 'object', additionalProperties: true } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    field: { type: 'string' },
    value: {},
  },
  required: ['type', 'title', 'status', 'detail'],
} as const;

export const testReportSchema = {
  type: 'object',
  additionalProperties: true,
  properties: { test: { type: 'string' }, kind: { type: 'string' }, met: { type: 'boolean' }, outcome: { type: 'string' }, text: { type: 'string' }, inputs: open },
  required: ['test', 'met', 'outcome'],
} as const;

export const classificationSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    chip: { type: 'string' },
    name: { type: 'string' },
    vendor: { type: ['string', 'null'] },
    on: { type: 'string' },
    tpp: nullableNumber,
    pd: nullableNumber,
    status: { type: 'string', enum: ['controlled', 'not_controlled', 'insufficient_data'] },
    eccn: nullableString,
    possible_eccns: { type: 'array', items: { type: 'string' } },
    tests: { type: 'array', items: testReportSchema },
    rule: { anyOf: [{ type: 'null' }, { type: 'object', properties: { id: { type: 'string' }, citation: { type: 'string' }, url: { type: 'string' } } }] },
    missing: { type: 'array', items: { type: 'string' } },
  },
  required: ['chip', 'on', 'tpp', 'pd', 'status', 'eccn', 'tests', 'rule'],
} as const;

export const decisionSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    verdict: { type: 'string', enum: ['allowed', 'allowed_with_conditions', 'licence_required', 'prohibited', 'review'] },
    on: { type: 'string' },
    chip: classificationSchema,
    export: {
      type: 'object',
      additionalProperties: true,
      properties: {
        jurisdiction: { type: 'string' },
        licence_required: { type: 'boolean' },
        review_policy: nullableString,
        exception: nullableString,
        notification_days: nullableNumber,
        licence: { anyOf: [{ type: 'null' }, open] },
        requirements: { type: 'array', items: open },
        licences_rejected: { type: 'array', items: open },
      },
      required: ['jurisdiction', 'licence_required', 'review_policy', 'exception', 'notification_days', 'licence'],
    },
    import: {
      type: 'object',
      properties: { jurisdiction: { type: 'string' }, status: { type: 'string' }, measures: { type: 'array', items: open } },
      required: ['jurisdiction', 'status', 'measures'],
    },
    obligations: { type: 'array', items: open },
    parties: { type: 'array', items: open },
    reasons: { type: 'array', items: open },
    missing: { type: 'array', items: { type: 'string' } },
    ruleset: { type: 'object', properties: { as_of: { type: 'string' }, hash: { type: 'string' } }, required: ['as_of', 'hash'] },
  },
  required: ['verdict', 'on', 'chip', 'export', 'import', 'obligations', 'parties', 'reasons', 'ruleset'],
} as const;

export const ledgerRefSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, seq: { type: 'integer' }, hash: { type: 'string' }, replayed: { type: 'boolean' } },
  required: ['id', 'seq', 'hash', 'replayed'],
} as const;

export const screenBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 500 },
    country: countrySchema,
    lists: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 20 },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
  },
  required: ['name'],
} as const;

export const screenResultSchema = {
  type: 'object',
  properties: { query: { type: 'string' }, matches: { type: 'array', items: open } },
  required: ['query', 'matches'],
} as const;

export const ledgerEntrySchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    seq: { type: 'integer' },
    id: { type: 'string' },
    created_at: { type: 'string' },
    kind: { type: 'string' },
    caller: { type: 'string' },
    ruleset_hash: { type: 'string' },
    list_versions: open,
    input: {},
    output: {},
    verdict: nullableString,
    chip: nullableString,
    parties: { type: 'array', items: { type: 'string' } },
    on_date: nullableString,
    obligations: { type: 'array', items: open },
    prev_hash: { type: 'string' },
    hash: { type: 'string' },
  },
  required: ['seq', 'id', 'created_at', 'kind', 'caller', 'hash', 'prev_hash'],
} as const;

export const licenceBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    licence_number: { type: 'string', minLength: 1, maxLength: 100 },
    holder: { type: 'string', minLength: 1, maxLength: 500 },
    chips: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    destination: countrySchema,
    consignee: { type: 'string', minLength: 1, maxLength: 500 },
    quantity_limit: { type: ['integer', 'null'], minimum: 1 },
    value_limit_usd: { type: ['number', 'null'], exclusiveMinimum: 0 },
    conditions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: ['revenue_share', 'tariff', 'other'] },
          percent: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
          payee: { type: 'string' },
          text: { type: 'string' },
        },
      },
    },
    valid_from: isoDateSchema,
    valid_to: isoDateSchema,
  },
  required: ['licence_number', 'holder', 'chips', 'destination', 'consignee', 'valid_from', 'valid_to'],
} as const;

export const licenceSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    licence_number: { type: 'string' },
    holder: { type: 'string' },
    chips: { type: 'array', items: { type: 'string' } },
    destination: { type: 'string' },
    consignee: { type: 'string' },
    quantity_limit: nullableNumber,
    quantity_used: { type: 'number' },
    quantity_remaining: nullableNumber,
    value_limit_usd: nullableNumber,
    value_used_usd: { type: 'number' },
    value_remaining_usd: nullableNumber,
    conditions: { type: 'array', items: open },
    valid_from: { type: 'string' },
    valid_to: { type: 'string' },
  },
  required: ['licence_number', 'holder', 'chips', 'destination'],
} as const;

export const shipmentBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    quantity: { type: 'integer', minimum: 1 },
    value_usd: { type: 'number', minimum: 0 },
    decision_id: { type: 'string', minLength: 1 },
    shipped_on: isoDateSchema,
  },
  required: ['quantity', 'value_usd', 'shipped_on'],
} as const;

export const ruleSummarySchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    jurisdiction: { type: 'string' },
    instrument: { type: 'string' },
    effect: { type: 'string' },
    from: { type: 'string' },
    to: nullableString,
    confidence: { type: 'string' },
    citation: { type: 'string' },
    url: { type: 'string' },
  },
  required: ['id', 'title', 'jurisdiction', 'effect', 'from', 'to', 'confidence', 'citation', 'url'],
} as const;

export const errorResponses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema } as const;

/** A batch item that could not be processed: its own problem, while the other items go on. */
export const batchItemErrorSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', properties: { status: { type: 'integer' }, detail: { type: 'string' }, field: { type: 'string' } } } },
} as const;
