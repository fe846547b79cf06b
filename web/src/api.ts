// Calls to the JSON API (docs/api.md). Errors become ApiError with the
// server's code and message; reports are cached per URL until an import.

import type { ApiErrorBody, BrandListing, ClientDetail, ImportSuccess, Meta, MissionDetail, PriceQuote, Report, Review, Rules, Trend } from './types';
import type { ListPage } from './list-query';
import { csrfToken, SIGNED_OUT_EVENT, type Account, type Session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorBody['error']['details'] = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BASE = 'api/v1';
// Every request that changes data carries this header: a page of another
// origin cannot add it without a CORS preflight, which the server never
// approves (docs/api.md, "Requests that change data").
// With accounts, the session's CSRF token goes with them too.
function changeHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'X-Requested-With': 'agencykpi' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  return headers;
}
const cache = new Map<string, Promise<unknown>>();

export function apiUrl(path: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `${BASE}${path}${q ? `?${q}` : ''}`;
}

/** The report's workbook, every section (GET /api/v1/report.xlsx), for the
 * view's report parameters (period, as-of…) in the dashboard's language. */
export function reportXlsxUrl(params: Record<string, string>, lang: 'fr' | 'en'): string {
  return apiUrl('/report.xlsx', { ...params, lang });
}

/** Where an import goes: the answer's messages in the dashboard's language. */
export function importUrl(lang: 'fr' | 'en'): string {
  return apiUrl('/import', { lang });
}

async function parseResponse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !res.url.endsWith('/login')) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    const err = (body as ApiErrorBody | null)?.error;
    if (err) throw new ApiError(res.status, err.code, err.message, err.details ?? {});
    throw new ApiError(res.status, 'http', `HTTP ${res.status} ${res.statusText}`.trim());
  }
  if (body === null) throw new ApiError(res.status, 'bad_response', 'The server sent an answer that is not JSON.');
  return body as T;
}

async function getJson<T>(path: string, params: Record<string, string>): Promise<T> {
  const url = apiUrl(path, params);
  let p = cache.get(url) as Promise<T> | undefined;
  if (!p) {
    p = fetch(url, { headers: { Accept: 'application/json' } }).then((r) => parseResponse<T>(r));
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

export function clearCache(): void {
  cache.clear();
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(apiUrl(path), {
    method: 'POST',
    headers: { ...changeHeaders(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return parseResponse<T>(res);
}

export interface AuditEvent {
  at: string;
  actor: string;
  event: string;
  detail: string;
  address: string;
}

export const account = {
  /** Who is signed in; a 401 when nobody is (and the store has accounts). */
  me: () => fetch(apiUrl('/me')).then((r) => parseResponse<Session>(r)),
  login: (email: string, password: string) =>
    postJson<{ csrf_token: string; user: Account }>('/login', { email, password }),
  logout: () => postJson<{ ok: boolean }>('/logout', {}),
  users: () => fetch(apiUrl('/users')).then((r) => parseResponse<{ users: Account[] }>(r)),
  addUser: (user: { email: string; name?: string; role: string; clients: string[]; password: string }) =>
    postJson<{ user: Account }>('/users', user),
  changeUser: (email: string, change: Record<string, unknown>) =>
    postJson<{ user: Account }>(`/users/${encodeURIComponent(email)}`, change),
  audit: () => fetch(apiUrl('/audit', { limit: '50' })).then((r) => parseResponse<{ events: AuditEvent[] }>(r)),
};

export const api = {
  report: (params: Record<string, string>) => getJson<Report>('/report', params),
  /** One page of a report list: section, sort, q, filter.KEY, offset, limit (listApiParams). */
  list: <T>(params: Record<string, string>) => getJson<ListPage<T>>('/report', params),
  trend: (params: Record<string, string>) => getJson<Trend>('/trend', params),
  client: (id: string, params: Record<string, string>) =>
    getJson<ClientDetail>(`/clients/${encodeURIComponent(id)}`, params),
  review: (id: string, params: Record<string, string>) =>
    getJson<Review>(`/clients/${encodeURIComponent(id)}/review`, params),
  brands: (params: Record<string, string>) => getJson<BrandListing>('/brands', params),
  mission: (id: string, params: Record<string, string>) =>
    getJson<MissionDetail>(`/missions/${encodeURIComponent(id)}`, params),
  /** The renewal price of a mission (SPEC 6.4): target_margin, scope_change, period, as_of. */
  price: (id: string, params: Record<string, string>) =>
    getJson<PriceQuote>(`/missions/${encodeURIComponent(id)}/price`, params),
  /** The dataset's description, always fresh (the import page shows it). */
  meta: () => fetch(apiUrl('/meta')).then((r) => parseResponse<Meta>(r)),
  /** /meta, cached like the reports (its last dates say when the data ends). */
  metaCached: () => getJson<Meta>('/meta', {}),
  /** The rule thresholds of /meta, cached like the reports. */
  rules: (): Promise<Rules> => getJson<Meta>('/meta', {}).then((m) => m.rules),
  /** `lang`: the language of the errors and warnings of the answer. */
  async importFiles(body: Blob | FormData, lang: 'fr' | 'en' = 'en'): Promise<ImportSuccess> {
    // A zip goes as the raw body; CSV files as multipart (the browser sets the boundary).
    const headers: Record<string, string> = changeHeaders();
    if (!(body instanceof FormData)) headers['Content-Type'] = 'application/zip';
    const init: RequestInit = { method: 'POST', body, headers };
    const res = await fetch(importUrl(lang), init);
    const out = await parseResponse<ImportSuccess>(res);
    clearCache();
    return out;
  },
};
