import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InputError } from '../core/errors.js';

/** An RFC 9457 problem details body. `field` and `value` name exactly what was wrong. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  field?: string;
  value?: unknown;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
};

export function sendProblem(reply: FastifyReply, req: FastifyRequest, status: number, detail: string, extra: Partial<Problem> = {}): FastifyReply {
  const body: Problem = { type: 'about:blank', title: extra.title ?? TITLES[status] ?? 'Error', status, detail, instance: req.url, ...extra };
  return reply.code(status).type('application/problem+json').send(body);
}

/** Names the field a schema validation error is about: `/orders/0/to` becomes `orders.0.to`. */
function fieldOf(error: FastifyError): string | undefined {
  const v = error.validation?.[0];
  if (!v) return undefined;
  const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const params = v.params as { missingProperty?: string; additionalProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty;
  const context = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}.` : '';
  return `${context}${[base, extra].filter(Boolean).join('.')}` || error.validationContext;
}

/** Every error becomes a problem document; only a genuine bug is a 500, and it never leaks a stack trace. */
export function errorHandler(error: FastifyError | InputError | HttpProblem, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return sendProblem(reply, req, error.status, error.message, { title: error.title, ...(error.field ? { field: error.field } : {}) });
  if (error instanceof InputError) {
    const status = error.name === 'NotFoundError' ? 404 : error.name === 'ConflictError' || error.name === 'ShipmentRefusedError' ? 409 : 400;
    return sendProblem(reply, req, status, error.message, { ...(error.field ? { field: error.field } : {}), ...(error.value !== undefined ? { value: error.value } : {}) });
  }
  if (!('code' in error)) {
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, req, 500, 'an internal error occurred; it has been logged');
  }
  if (error.validation) {
    const field = fieldOf(error);
    const v = error.validation[0]!;
    return sendProblem(reply, req, 400, `${field ?? 'request'}: ${v.message ?? 'is invalid'}`, field ? { field } : {});
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, req, 400, 'body: the request body is larger than this endpoint accepts', { title: TITLES[413], field: 'body' });
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, req, 415, 'body: send application/json', { field: 'content-type' });
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return sendProblem(reply, req, 400, `body: malformed JSON (${error.message})`, { field: 'body' });
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, req, error.statusCode, error.message);
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, req, 500, 'an internal error occurred; it has been logged');
}
