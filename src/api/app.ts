import { randomBytes } from 'node:crypto';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { isIsoDate, todayIso } from '../core/dates.js';
import { diffLaw, lawInForce, summarizeRule } from '../core/decide/rules.js';
import { InputError } from '../core/errors.js';
import type { ChiplawService } from '../service/chiplaw.js';
import { identify, requireRole, callerOf } from './auth.js';
import { errorHandler, HttpProblem, sendProblem } from './problems.js';
import {
  chipSpecBodySchema,
  classificationSchema,
  decisionSchema,
  errorResponses,
  isoDateSchema,
  ledgerEntrySchema,
  ledgerRefSchema,
  licenceBodySchema,
  licenceSchema,
  orderBodySchema,
  ruleSummarySchema,
  screenBodySchema,
  screenResultSchema,
  batchItemErrorSchema,
  shipmentBodySchema,
} from './schemas.js';

export interface AppOptions {
  service: ChiplawService;
  /** Import a screening list (CSL CSV or JSON text) and switch the service to it. */
  importList?: (content: string, format: 'csl-csv' | 'csl-json', sourceDate: string | null) => Promise<unknown>;
  /** Screen one name against the lists, as `chiplaw screen` does. */
  screen: (q: { name: string; country?: string; lists?: string[]; limit?: number }) => { query: string; matches: unknown[] };
  /** A one-time token that signs the local user in as admin (printed by `chiplaw serve`). */
  signInToken?: string;
  /** Registers the dashboard's static files, when built. */
  registerWeb?: (app: FastifyInstance) => Promise<void>;
  logger?: boolean;
}

const BATCH_LIMIT = 1000;

function dateParam(value: string | undefined, field: string): string {
  if (value === undefined) return todayIso();
  if (!isIsoDate(value)) throw new InputError(`${field}: "${value}" is not a real date YYYY-MM-DD`, field, value);
  return value;
}

/** The HTTP API: versioned under /v1, OpenAPI at /openapi.json, docs at /docs, problem details for every error. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { service } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
  });
  // Query strings and headers arrive as text and are coerced; JSON bodies are validated as sent, so "5" is not 5.
  const strict = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: false, strict: false });
  const coercing = new Ajv({ allErrors: false, coerceTypes: 'array', useDefaults: true, strict: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, 404, `no route ${req.method} ${req.url.split('?')[0]}`));
  // Every body is JSON: text sent as text/plain is refused as the wrong media type, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('identity', null);
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/v1/')) req.identity = await identify(req, service.store);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'chiplaw', version: '1.0.0', description: 'AI-accelerator trade rules as executable, dated, cited code.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an API key: Authorization: Bearer chl_...' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { tags: ['service'], security: [], response: { 200: { type: 'object', properties: { status: { type: 'string' }, store: { type: 'string' }, ruleset: { type: 'string' } } } } } }, async () => {
    await service.store.ping();
    return { status: 'ok', store: service.store.kind, ruleset: service.data.hash };
  });

  // ---- session: the one-time sign-in link and who am I ----
  let signInToken = opts.signInToken;
  app.post(
    '/v1/session',
    { schema: { tags: ['session'], security: [], body: { type: 'object', additionalProperties: false, properties: { token: { type: 'string', minLength: 1 } }, required: ['token'] }, response: { 200: { type: 'object', properties: { key: { type: 'string' }, role: { type: 'string' } } }, ...errorResponses } } },
    async (req) => {
      const { token } = req.body as { token: string };
      if (!signInToken || token !== signInToken) throw new HttpProblem(401, 'Unauthorized', 'token: this sign-in link is invalid or was already used', 'token');
      signInToken = undefined;
      const key = await service.store.createApiKey('admin', 'dashboard sign-in link');
      await service.record('session.sign_in', { via: 'one-time link' }, { key_id: key.id, role: key.role }, `key:${key.id}`);
      return { key: key.key, role: key.role };
    },
  );
  app.get('/v1/me', { schema: { tags: ['session'], response: { 200: { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' }, label: { type: ['string', 'null'] } } }, ...errorResponses } } }, async (req) => requireRole(req, 'viewer'));

  // ---- chips and classification ----
  const onQuery = { type: 'object', properties: { on: isoDateSchema }, additionalProperties: false } as const;
  app.get('/v1/chips', { schema: { tags: ['chips'], querystring: onQuery, response: { 200: { type: 'array', items: { ...classificationSchema, required: ['chip', 'on', 'status'] } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const on = dateParam((req.query as { on?: string }).on, 'on');
    return [...service.data.catalog.values()].map((e) => {
      const { tests: _tests, ...row } = service.classifyCatalogChip(e.chip.id, on);
      return { ...row, status_detail: e.chip.status, datacenter: e.chip.datacenter, memory_bandwidth_gbps: e.chip.memory.bandwidthGbps };
    });
  });
  app.get('/v1/chips/:id', { schema: { tags: ['chips'], params: { type: 'object', properties: { id: { type: 'string' } } }, querystring: onQuery, response: { 200: { type: 'object', additionalProperties: true, properties: { chip: { type: 'object', additionalProperties: true }, classification: classificationSchema, history: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const { id } = req.params as { id: string };
    const on = dateParam((req.query as { on?: string }).on, 'on');
    const entry = service.data.catalog.get(id);
    if (!entry) throw new HttpProblem(404, 'Not found', `chip: unknown chip id "${id}"`, 'id');
    const boundaries = ['2022-10-06', ...service.data.eccn3a090.map((v) => v.version.instrument.effective)];
    const history = boundaries.map((from) => {
      const c = service.classifyCatalogChip(id, from);
      return { from, rule: c.rule?.id ?? null, status: c.status, eccn: c.eccn };
    });
    return { chip: entry.chip, metrics: entry.metrics, classification: service.classifyCatalogChip(id, on), history };
  });
  app.get('/v1/eccn/3a090', { schema: { tags: ['chips'], description: 'ECCN 3A090 versions with their dated tests and conditions (thresholds as data).', response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    return service.data.eccn3a090.map((v) => ({ instrument: v.version.instrument, paragraphs: v.version.paragraphs, tests: v.version.tests, exclusions: v.version.exclusions }));
  });
  app.post('/v1/classify', { schema: { tags: ['chips'], body: { type: 'object', additionalProperties: false, properties: { spec: chipSpecBodySchema, on: isoDateSchema }, required: ['spec'] }, response: { 200: classificationSchema, ...errorResponses } } }, async (req) => {
    requireRole(req, 'analyst');
    const body = req.body as { spec: unknown; on?: string };
    return service.classifySpec(body.spec, dateParam(body.on, 'on'));
  });

  // ---- decisions ----
  const idempotencyHeaders = { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } } as const;
  app.post(
    '/v1/check',
    { schema: { tags: ['decisions'], description: 'Decide an order and record it in the ledger. Send Idempotency-Key to make retries safe.', headers: idempotencyHeaders, body: orderBodySchema, response: { 200: { type: 'object', properties: { decision: decisionSchema, ledger: ledgerRefSchema }, required: ['decision', 'ledger'] }, ...errorResponses } } },
    async (req, reply) => {
      const who = requireRole(req, 'analyst');
      const recorded = await service.decideAndRecord(req.body, callerOf(who), req.headers['idempotency-key'] as string | undefined);
      // The decision is sent as the ledger holds it, byte for byte, which also spares serialising it again.
      return reply.type('application/json; charset=utf-8').send(`{"decision":${recorded.decisionJson},"ledger":${JSON.stringify(recorded.ledger)}}`);
    },
  );
  app.post(
    '/v1/check/batch',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['decisions'],
        description: `Decide up to ${BATCH_LIMIT} orders; each is recorded, and a bad order gets its own problem without failing the rest.`,
        body: { type: 'object', additionalProperties: false, properties: { orders: { type: 'array', minItems: 1, maxItems: BATCH_LIMIT, items: { type: 'object' } } }, required: ['orders'] },
        response: { 200: { type: 'object', properties: { results: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, ...errorResponses },
      },
    },
    async (req) => {
      const who = requireRole(req, 'analyst');
      const { orders } = req.body as { orders: unknown[] };
      const batchKey = req.headers['idempotency-key'] as string | undefined;
      const problem = (e: unknown, i: number) => {
        if (!(e instanceof InputError)) throw e;
        return { error: { status: 400, detail: e.message.replace(/^order/, `orders.${i}`), field: e.field?.replace(/^order/, `orders.${i}`) } };
      };
      const decided = [];
      for (const [i, order] of orders.entries()) {
        try {
          decided.push(await service.decide(order));
        } catch (e) {
          decided.push(problem(e, i));
        }
      }
      // Recorded all at once (each append starts before the first await), so that the ledger writes them in
      // order and together rather than with one commit per order.
      const results = await Promise.all(
        decided.map(async (d, i) => {
          if ('error' in d) return d;
          try {
            const { decisionJson: _decisionJson, ...result } = await service.recordDecision(orders[i], d, callerOf(who), batchKey ? `${batchKey}#${i}` : undefined);
            return result;
          } catch (e) {
            return problem(e, i);
          }
        }),
      );
      return { results };
    },
  );
  const decisionQuery = {
    type: 'object',
    additionalProperties: false,
    properties: { from: isoDateSchema, to: isoDateSchema, verdict: { type: 'string', enum: ['allowed', 'allowed_with_conditions', 'licence_required', 'prohibited', 'review'] }, chip: { type: 'string' }, party: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 500 }, cursor: { type: 'string' } },
  } as const;
  app.get('/v1/decisions', { schema: { tags: ['decisions'], querystring: decisionQuery, response: { 200: { type: 'object', properties: { entries: { type: 'array', items: ledgerEntrySchema }, next_cursor: { type: ['string', 'null'] } } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    return service.store.listDecisions(req.query as Record<string, never>);
  });
  app.get('/v1/decisions/:id', { schema: { tags: ['decisions'], response: { 200: ledgerEntrySchema, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const { id } = req.params as { id: string };
    const entry = await service.store.getDecision(id);
    if (!entry) throw new HttpProblem(404, 'Not found', `id: no decision "${id}"`, 'id');
    return entry;
  });
  app.get('/v1/ledger/verify', { schema: { tags: ['decisions'], response: { 200: { type: 'object', additionalProperties: true, properties: { ok: { type: 'boolean' }, entries: { type: 'integer' } } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    return service.store.verifyLedger();
  });
  app.get(
    '/v1/obligations',
    { schema: { tags: ['decisions'], querystring: { type: 'object', additionalProperties: false, properties: { from: isoDateSchema, to: isoDateSchema }, required: ['from', 'to'] }, response: { 200: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, totals: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, ...errorResponses } } },
    async (req) => {
      requireRole(req, 'viewer');
      const q = req.query as { from: string; to: string };
      const from = dateParam(q.from, 'from');
      const to = dateParam(q.to, 'to');
      if (to < from) throw new InputError(`to: ${to} is before from ${from}`, 'to', to);
      return { from, to, totals: await service.store.sumObligations(from, to) };
    },
  );

  // ---- screening ----
  app.post('/v1/screen', { schema: { tags: ['screening'], body: screenBodySchema, response: { 200: screenResultSchema, ...errorResponses } } }, async (req) => {
    const who = requireRole(req, 'analyst');
    const body = req.body as { name: string; country?: string; lists?: string[]; limit?: number };
    const result = opts.screen(body);
    await service.record('screen', body, result, callerOf(who), req.headers['idempotency-key'] as string | undefined, { parties: [body.name] });
    return result;
  });
  app.post(
    '/v1/screen/batch',
    { bodyLimit: 10 * 1024 * 1024, schema: { tags: ['screening'], body: { type: 'object', additionalProperties: false, properties: { queries: { type: 'array', minItems: 1, maxItems: BATCH_LIMIT, items: screenBodySchema } }, required: ['queries'] }, response: { 200: { type: 'object', properties: { results: { type: 'array', items: { anyOf: [screenResultSchema, batchItemErrorSchema] } } } }, ...errorResponses } } },
    async (req) => {
      const who = requireRole(req, 'analyst');
      const { queries } = req.body as { queries: { name: string; country?: string; lists?: string[]; limit?: number }[] };
      // A bad query gets its own problem, as in /v1/check/batch, without failing the rest.
      const results = queries.map((q, i) => {
        try {
          return opts.screen(q);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          const field = `queries.${i}.${e.field ?? 'name'}`;
          return { error: { status: 400, detail: `${field}: ${e.message}`, field } };
        }
      });
      await service.record('screen.batch', { queries }, { results }, callerOf(who), req.headers['idempotency-key'] as string | undefined, { parties: queries.filter((_, i) => !('error' in results[i]!)).map((q) => q.name) });
      return { results };
    },
  );

  // ---- rules ----
  app.get('/v1/rules', { schema: { tags: ['rules'], querystring: onQuery, response: { 200: { type: 'object', properties: { on: { type: 'string' }, rules: { type: 'array', items: ruleSummarySchema } } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const on = dateParam((req.query as { on?: string }).on, 'on');
    return { on, rules: lawInForce({ rules: service.data.rules, classifications: service.data.eccn3a090 }, on) };
  });
  app.get('/v1/rules/diff', { schema: { tags: ['rules'], querystring: { type: 'object', additionalProperties: false, properties: { from: isoDateSchema, to: isoDateSchema }, required: ['from', 'to'] }, response: { 200: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, added: { type: 'array', items: ruleSummarySchema }, removed: { type: 'array', items: ruleSummarySchema } } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const q = req.query as { from: string; to: string };
    const from = dateParam(q.from, 'from');
    const to = dateParam(q.to, 'to');
    return { from, to, ...diffLaw({ rules: service.data.rules, classifications: service.data.eccn3a090 }, from, to) };
  });
  app.get('/v1/instruments', { schema: { tags: ['rules'], description: 'Every legal instrument with its dates, for timelines.', response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } } } } }, async (req) => {
    requireRole(req, 'viewer');
    return service.data.rules.instruments.map((i) => ({ ...i.instrument, rules: i.rules.map((r) => summarizeRule(service.data.rules.byId.get(r.id)!)) }));
  });
  app.get('/v1/rules/:id', { schema: { tags: ['rules'], response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const { id } = req.params as { id: string };
    const rule = service.data.rules.byId.get(id);
    if (!rule) throw new HttpProblem(404, 'Not found', `id: no rule "${id}"`, 'id');
    return { ...summarizeRule(rule), when: rule.def.when, effect: rule.def.effect, priority: rule.def.priority, overrides: rule.def.overrides, instrument: rule.instrument };
  });
  app.get('/v1/countries', { schema: { tags: ['rules'], querystring: onQuery } }, async (req) => {
    requireRole(req, 'viewer');
    const on = dateParam((req.query as { on?: string }).on, 'on');
    const c = service.data.countries;
    return Object.entries(c.data.names).map(([code, name]) => ({ code, name, groups: c.groupsOf(code, on) }));
  });

  // ---- lists ----
  app.get('/v1/lists', { schema: { tags: ['lists'], response: { 200: { type: 'object', properties: { in_use: { type: 'object', additionalProperties: true }, current: { type: 'object', additionalProperties: true }, versions: { type: 'array', items: { type: 'object', additionalProperties: true } } } } } } }, async (req) => {
    requireRole(req, 'viewer');
    return { in_use: service.parties.versions, current: service.parties.version, versions: await service.store.listVersions() };
  });
  app.post(
    '/v1/lists/import',
    { bodyLimit: 200 * 1024 * 1024, schema: { tags: ['lists'], body: { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['csl-csv', 'csl-json'] }, content: { type: 'string', minLength: 1 }, source_date: isoDateSchema }, required: ['format', 'content'] }, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (req) => {
      const who = requireRole(req, 'admin');
      if (!opts.importList) throw new HttpProblem(404, 'Not found', 'list import is not available on this server');
      const body = req.body as { format: 'csl-csv' | 'csl-json'; content: string; source_date?: string };
      const result = await opts.importList(body.content, body.format, body.source_date ?? null);
      await service.record('lists.import', { format: body.format, bytes: body.content.length, source_date: body.source_date ?? null }, result, callerOf(who));
      return result;
    },
  );

  // ---- licences ----
  app.get('/v1/licences', { schema: { tags: ['licences'], response: { 200: { type: 'array', items: licenceSchema }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    return service.store.listLicences();
  });
  app.post('/v1/licences', { schema: { tags: ['licences'], body: licenceBodySchema, response: { 200: licenceSchema, ...errorResponses } } }, async (req) => {
    const who = requireRole(req, 'admin');
    const body = req.body as Parameters<typeof service.store.createLicence>[0];
    for (const chip of body.chips) if (!service.data.catalog.has(chip)) throw new InputError(`chips: unknown chip id "${chip}"`, 'chips', chip);
    if (!service.data.countries.isCountry(body.destination.toUpperCase())) throw new InputError(`destination: "${body.destination}" is not an ISO 3166 alpha-2 code`, 'destination', body.destination);
    const licence = await service.store.createLicence({ ...body, destination: body.destination.toUpperCase(), quantity_limit: body.quantity_limit ?? null, value_limit_usd: body.value_limit_usd ?? null });
    await service.record('licence.create', body, licence, callerOf(who));
    return licence;
  });
  app.get('/v1/licences/:number', { schema: { tags: ['licences'], response: { 200: { type: 'object', additionalProperties: true, properties: { licence: licenceSchema, shipments: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'viewer');
    const { number } = req.params as { number: string };
    const licence = await service.store.getLicence(number);
    if (!licence) throw new HttpProblem(404, 'Not found', `number: no licence "${number}"`, 'number');
    return { licence, shipments: await service.store.listShipments(number) };
  });
  app.post('/v1/licences/:number/shipments', { schema: { tags: ['licences'], body: shipmentBodySchema, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } }, async (req) => {
    const who = requireRole(req, 'admin');
    const { number } = req.params as { number: string };
    const recorded = await service.store.recordShipment(number, req.body as Parameters<typeof service.store.recordShipment>[1]);
    await service.record('licence.shipment', { licence_number: number, ...(req.body as object) }, recorded, callerOf(who));
    return recorded;
  });

  // ---- API keys ----
  app.get('/v1/keys', { schema: { tags: ['keys'], response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...errorResponses } } }, async (req) => {
    requireRole(req, 'admin');
    return service.store.listApiKeys();
  });
  app.post('/v1/keys', { schema: { tags: ['keys'], body: { type: 'object', additionalProperties: false, properties: { role: { type: 'string', enum: ['viewer', 'analyst', 'admin'] }, label: { type: 'string', maxLength: 200 } }, required: ['role'] }, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } }, async (req) => {
    const who = requireRole(req, 'admin');
    const body = req.body as { role: 'viewer' | 'analyst' | 'admin'; label?: string };
    const key = await service.store.createApiKey(body.role, body.label);
    const { key: _secret, ...recorded } = key;
    await service.record('key.create', body, recorded, callerOf(who));
    return key;
  });
  app.delete('/v1/keys/:id', { schema: { tags: ['keys'], response: { 200: { type: 'object', properties: { revoked: { type: 'boolean' } } }, ...errorResponses } } }, async (req) => {
    const who = requireRole(req, 'admin');
    const { id } = req.params as { id: string };
    const revoked = await service.store.revokeApiKey(id);
    if (!revoked) throw new HttpProblem(404, 'Not found', `id: no active key "${id}"`, 'id');
    await service.record('key.revoke', { id }, { revoked }, callerOf(who));
    return { revoked };
  });

  if (opts.registerWeb) await opts.registerWeb(app);
  return app;
}

/** A random one-time sign-in token. */
export function newSignInToken(): string {
  return randomBytes(24).toString('base64url');
}
