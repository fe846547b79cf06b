// Who is signed in (GET /api/v1/me), and the CSRF token every request that
// changes data must carry (docs/security.md). A store without accounts is
// "local": everything is allowed and no sign-in is asked.

import type { Page } from './state';

export type Role = 'admin' | 'manager' | 'viewer' | 'brand';

export interface Account {
  email: string;
  name: string;
  role: Role;
  clients: string[];
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface Session {
  local: boolean;
  role: Role;
  user: Account | null;
  csrf_token: string;
}

let current: Session | null = null;

export function session(): Session | null {
  return current;
}

export function setSession(next: Session | null): void {
  current = next;
}

export function csrfToken(): string {
  return current?.csrf_token ?? '';
}

/** The pages a role sees: a brand account only its brand review. */
export function seesFigures(s: Session | null): boolean {
  return s !== null && s.role !== 'brand';
}

export function canImport(s: Session | null): boolean {
  return s !== null && (s.role === 'admin' || s.role === 'manager');
}

export function isAdmin(s: Session | null): boolean {
  return s !== null && s.role === 'admin' && !s.local;
}

/** Fired when the server answers 401: the session has ended. */
export const SIGNED_OUT_EVENT = 'agencykpi:signed-out';

const FIGURE_TABS: Page[] = ['overview', 'recurrence', 'revenue', 'margin', 'objectives', 'team', 'renewals', 'bilan'];

/** The tabs of the signed-in role: a brand account sees its brand review only. */
export function tabsOf(s: Session | null): Page[] {
  if (!seesFigures(s)) return ['bilan'];
  const tabs = [...FIGURE_TABS];
  if (canImport(s)) tabs.push('import');
  if (isAdmin(s)) tabs.push('users');
  return tabs;
}
