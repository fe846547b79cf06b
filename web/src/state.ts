// The whole view state lives in the URL hash, so any view can be shared:
//   #/revenue?period=2026-H1&as_of=2026-06-30&lang=fr&sort=-revenue
// parseHash/serialiseState are pure and round-trip each other.

import { defaultPeriod, parseDate, parsePeriod, todayIso } from './period';

export type Lang = 'fr' | 'en';

export const PAGES = ['overview', 'recurrence', 'revenue', 'margin', 'objectives', 'team', 'renewals', 'bilan', 'import', 'users'] as const;
export type Page = (typeof PAGES)[number] | 'client' | 'mission';

export interface AppState {
  page: Page;
  /** Client or mission id on the detail pages. */
  id?: string;
  period: string;
  asOf: string;
  lang: Lang;
  grace?: number;
  /** Page options: sort, client, metric, gran… kept in a stable order. */
  params: Record<string, string>;
}

export interface Defaults {
  today: string;
  lang: Lang;
}

export function langFromNavigator(language: string | undefined): Lang {
  return (language ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const GLOBAL_KEYS = new Set(['period', 'as_of', 'lang', 'grace_days']);

/** Parses a location hash ('#/revenue?period=…'); unknown or bad values fall back to defaults. */
export function parseHash(hash: string, defaults: Defaults): AppState {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q >= 0 ? raw.slice(0, q) : raw).replace(/^\/+|\/+$/g, '');
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);

  let page: Page = 'overview';
  let id: string | undefined;
  if (segments[0] === 'clients' && segments[1]) {
    page = 'client';
    id = segments[1];
  } else if (segments[0] === 'missions' && segments[1]) {
    page = 'mission';
    id = segments[1];
  } else if (segments[0] === 'bilan' && segments[1]) {
    page = 'bilan';
    id = segments[1];
  } else if ((PAGES as readonly string[]).includes(segments[0] ?? '')) {
    page = segments[0] as Page;
  }

  const asOf = parseDate(query.get('as_of') ?? '') ?? defaults.today;
  const periodText = query.get('period') ?? '';
  const period = parsePeriod(periodText)?.text ?? defaultPeriod(asOf).text;
  const langRaw = query.get('lang');
  const lang: Lang = langRaw === 'fr' || langRaw === 'en' ? langRaw : defaults.lang;
  const graceRaw = query.get('grace_days');
  const grace = graceRaw !== null && /^\d+$/.test(graceRaw) ? Number(graceRaw) : undefined;

  const params: Record<string, string> = {};
  for (const [k, v] of query) {
    if (!GLOBAL_KEYS.has(k) && v !== '') params[k] = v;
  }
  return { page, id, period, asOf, lang, grace, params };
}

export function pagePath(state: Pick<AppState, 'page' | 'id'>): string {
  if (state.page === 'client') return `/clients/${encodeURIComponent(state.id ?? '')}`;
  if (state.page === 'mission') return `/missions/${encodeURIComponent(state.id ?? '')}`;
  if (state.page === 'bilan' && state.id) return `/bilan/${encodeURIComponent(state.id)}`;
  return `/${state.page}`;
}

/** Serialises a state to a hash; the inverse of parseHash. */
export function serialiseState(state: AppState): string {
  const query = new URLSearchParams();
  query.set('period', state.period);
  query.set('as_of', state.asOf);
  query.set('lang', state.lang);
  if (state.grace !== undefined) query.set('grace_days', String(state.grace));
  for (const k of Object.keys(state.params).sort()) {
    if (state.params[k] !== '') query.set(k, state.params[k]);
  }
  // Keep '..' and ':' readable in shared links.
  return `#${pagePath(state)}?${query.toString().replace(/%2E/gi, '.')}`;
}

/** A new state for another page, keeping the period, as-of, language and grace. */
export function goTo(state: AppState, page: Page, id?: string, params: Record<string, string> = {}): AppState {
  return { ...state, page, id, params };
}

/** Query parameters for the API that every call shares. */
export function apiParams(state: AppState): Record<string, string> {
  const p: Record<string, string> = { period: state.period, as_of: state.asOf };
  if (state.grace !== undefined) p.grace_days = String(state.grace);
  return p;
}

export function defaultsNow(): Defaults {
  return {
    today: todayIso(),
    lang: langFromNavigator(typeof navigator === 'undefined' ? undefined : navigator.language),
  };
}
