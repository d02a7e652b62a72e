import type {
  ApiKeyInfo,
  CheckResponse,
  ChipDetail,
  ChipRow,
  Country,
  CreatedApiKey,
  DecisionPage,
  EccnVersion,
  InstrumentWithRules,
  LedgerEntry,
  LedgerVerification,
  Licence,
  ListsResponse,
  Me,
  ObligationTotal,
  Role,
  RuleSummary,
  ScreenResult,
} from './types.js';

/** An RFC 9457 problem document as the API sends it; `field` names the input that was wrong. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  field?: string;
  value?: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

const KEY_STORAGE = 'chiplaw.apiKey';

export function storedKey(): string | null {
  return localStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string | null): void {
  if (key === null) localStorage.removeItem(KEY_STORAGE);
  else localStorage.setItem(KEY_STORAGE, key);
}

/** Called when the server no longer accepts the stored key, so the app can ask the user to sign in again. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Query parameters; empty ones are left out of the URL. */
export type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** A key to use instead of the stored one (checking a pasted key before keeping it). */
  key?: string;
}

async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.detail === 'string') {
      const problem: Problem = { title: body.title ?? res.statusText, status: res.status, detail: body.detail };
      if (body.field) problem.field = body.field;
      if (body.value !== undefined) problem.value = body.value;
      return problem;
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall through and show the status line.
  }
  return { title: res.statusText || 'Error', status: res.status, detail: text.slice(0, 300) || `the server answered ${res.status}` };
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const url = `${path}${params.size ? `?${params}` : ''}`;
  const key = opts.key ?? storedKey();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method: opts.method ?? 'GET', headers, body: opts.body === undefined ? null : JSON.stringify(opts.body), signal: opts.signal ?? null });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ title: 'Network error', status: 0, detail: `could not reach the chiplaw server (${(e as Error).message})` });
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (res.status === 401 && !opts.key && path !== '/v1/session') onUnauthorized();
    throw new ApiError(problem);
  }
  return (await res.json()) as T;
}

/** Every /v1 call the dashboard makes, in one place. */
export const api = {
  signIn: (token: string) => request<{ key: string; role: Role }>('/v1/session', { method: 'POST', body: { token } }),
  me: (key?: string) => request<Me>('/v1/me', { key }),
  chips: (on: string, signal?: AbortSignal) => request<ChipRow[]>('/v1/chips', { query: { on }, signal }),
  chip: (id: string, on: string, signal?: AbortSignal) => request<ChipDetail>(`/v1/chips/${encodeURIComponent(id)}`, { query: { on }, signal }),
  eccn3a090: (signal?: AbortSignal) => request<EccnVersion[]>('/v1/eccn/3a090', { signal }),
  instruments: (signal?: AbortSignal) => request<InstrumentWithRules[]>('/v1/instruments', { signal }),
  rulesDiff: (from: string, to: string, signal?: AbortSignal) =>
    request<{ from: string; to: string; added: RuleSummary[]; removed: RuleSummary[] }>('/v1/rules/diff', { query: { from, to }, signal }),
  countries: (on: string, signal?: AbortSignal) => request<Country[]>('/v1/countries', { query: { on }, signal }),
  check: (order: Record<string, unknown>, signal?: AbortSignal) => request<CheckResponse>('/v1/check', { method: 'POST', body: order, signal }),
  /** Each order is decided and recorded on its own; a bad one gets its own problem in its place. */
  checkBatch: (orders: Record<string, unknown>[]) =>
    request<{ results: (CheckResponse | { error: { status: number; detail: string; field?: string } })[] }>('/v1/check/batch', { method: 'POST', body: { orders } }),
  screen: (name: string, country?: string) => request<ScreenResult>('/v1/screen', { method: 'POST', body: { name, ...(country ? { country } : {}) } }),
  screenBatch: (queries: { name: string; country?: string }[]) => request<{ results: ScreenResult[] }>('/v1/screen/batch', { method: 'POST', body: { queries } }),
  decisions: (query: Query, signal?: AbortSignal) => request<DecisionPage>('/v1/decisions', { query, signal }),
  decision: (id: string, signal?: AbortSignal) => request<LedgerEntry>(`/v1/decisions/${encodeURIComponent(id)}`, { signal }),
  verifyLedger: (signal?: AbortSignal) => request<LedgerVerification>('/v1/ledger/verify', { signal }),
  obligations: (from: string, to: string, signal?: AbortSignal) =>
    request<{ from: string; to: string; totals: ObligationTotal[] }>('/v1/obligations', { query: { from, to }, signal }),
  licences: (signal?: AbortSignal) => request<Licence[]>('/v1/licences', { signal }),
  createLicence: (licence: Record<string, unknown>) => request<Licence>('/v1/licences', { method: 'POST', body: licence }),
  lists: (signal?: AbortSignal) => request<ListsResponse>('/v1/lists', { signal }),
  importList: (body: { format: 'csl-csv' | 'csl-json'; content: string; source_date?: string }) => request<Record<string, unknown>>('/v1/lists/import', { method: 'POST', body }),
  keys: (signal?: AbortSignal) => request<ApiKeyInfo[]>('/v1/keys', { signal }),
  createKey: (role: Role, label?: string) => request<CreatedApiKey>('/v1/keys', { method: 'POST', body: { role, ...(label ? { label } : {}) } }),
  revokeKey: (id: string) => request<{ revoked: boolean }>(`/v1/keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
