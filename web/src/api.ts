// Calls to the JSON API (docs/api.md). Errors become ApiError with the
// server's code and message; reports are cached per URL until an import.

import type { ApiErrorBody, BrandListing, ClientDetail, ImportSuccess, Meta, MissionDetail, PriceQuote, Report, Review, Rules, Trend } from './types';

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
const CHANGE_HEADERS = { 'X-Requested-With': 'agencykpi' } as const;
const cache = new Map<string, Promise<unknown>>();

export function apiUrl(path: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `${BASE}${path}${q ? `?${q}` : ''}`;
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

export const api = {
  report: (params: Record<string, string>) => getJson<Report>('/report', params),
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
  /** The rule thresholds of /meta, cached like the reports. */
  rules: (): Promise<Rules> => getJson<Meta>('/meta', {}).then((m) => m.rules),
  async importFiles(body: Blob | FormData): Promise<ImportSuccess> {
    // A zip goes as the raw body; CSV files as multipart (the browser sets the boundary).
    const headers: Record<string, string> = { ...CHANGE_HEADERS };
    if (!(body instanceof FormData)) headers['Content-Type'] = 'application/zip';
    const init: RequestInit = { method: 'POST', body, headers };
    const res = await fetch(apiUrl('/import'), init);
    const out = await parseResponse<ImportSuccess>(res);
    clearCache();
    return out;
  },
};
