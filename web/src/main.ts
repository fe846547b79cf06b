// The dashboard shell: header (brand, period picker, as-of, language), tabs,
// and a hash router that renders one page at a time from the URL state.

import './styles.css';
import { makeFormatter } from './format';
import { t, tk, periodLabel } from './i18n';
import { parsePeriod } from './period';
import { apiParams, defaultsNow, goTo, parseHash, serialiseState, type AppState, type Page } from './state';
import { disposeCharts } from './ui/charts';
import type { Ctx } from './ui/context';
import { clear, h } from './ui/dom';
import { periodPicker } from './ui/picker';
import { renderOverview } from './pages/overview';
import { renderRecurrence } from './pages/recurrence';
import { renderRevenue } from './pages/revenue';
import { renderMargin } from './pages/margin';
import { renderObjectives } from './pages/objectives';
import { renderClient } from './pages/client';
import { renderMission } from './pages/mission';
import { renderImport } from './pages/import';
import { renderBilan } from './pages/bilan';
import { renderTeam } from './pages/team';
import { renderRenewals } from './pages/renewals';
import { renderLogin } from './pages/login';
import { renderUsers } from './pages/users';
import { account, api, ApiError, clearCache } from './api';
import { staleUntil } from './stale';
import { seesFigures, session, setSession, SIGNED_OUT_EVENT, tabsOf } from './session';

type Renderer = (ctx: Ctx, root: HTMLElement) => void | Promise<void>;

const RENDERERS: Record<Page, Renderer> = {
  overview: renderOverview,
  recurrence: renderRecurrence,
  revenue: renderRevenue,
  margin: renderMargin,
  objectives: renderObjectives,
  team: renderTeam,
  renewals: renderRenewals,
  client: renderClient,
  mission: renderMission,
  bilan: renderBilan,
  import: renderImport,
  users: renderUsers,
};


let renderId = 0;
// What the current view still waits for; main[data-ready] is true when it is rendered and this is empty.
const tracked = new Set<Promise<unknown>>();
let viewRendered = false;

function updateReady(id: number): void {
  if (id !== renderId || !viewRendered) return;
  document.getElementById('content')?.setAttribute('data-ready', tracked.size === 0 ? 'true' : 'false');
}

function makeCtx(state: AppState, id: number): Ctx {
  const fmt = makeFormatter(state.lang);
  const go = (s: AppState, replace = false) => {
    const hash = serialiseState(s);
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    route();
  };
  return {
    state,
    fmt,
    t: (key, vars) => t(state.lang, key, vars),
    tk: (key) => tk(state.lang, key),
    href: (page, entityId, params = {}) => serialiseState(goTo(state, page, entityId, params)),
    setParams(params) {
      const next = { ...state.params };
      for (const [k, v] of Object.entries(params)) {
        if (v === undefined || v === '') delete next[k];
        else next[k] = v;
      }
      go({ ...state, params: next }, true);
    },
    recordParams(params) {
      const next = { ...state.params };
      for (const [k, v] of Object.entries(params)) {
        if (v === undefined || v === '') delete next[k];
        else next[k] = v;
      }
      state.params = next;
      const hash = serialiseState(state);
      lastRendered = hash;
      history.replaceState(null, '', hash);
    },
    navigate: (page, entityId, params = {}) => go(goTo(state, page, entityId, params)),
    setAsOf: (iso) => go({ ...state, asOf: iso }),
    alive: () => id === renderId,
    track(p) {
      tracked.add(p);
      updateReady(id);
      const settle = () => {
        tracked.delete(p);
        updateReady(id);
      };
      p.then(settle, settle);
      return p;
    },
    apiParams: apiParams(state),
    colon: state.lang === 'fr' ? '\u00a0: ' : ': ',
  };
}

function header(ctx: Ctx): HTMLElement {
  const { state } = ctx;
  const go = (s: AppState) => {
    history.pushState(null, '', serialiseState(s));
    route();
  };
  const picker = periodPicker(ctx, {
    onPeriod: (text) => go({ ...state, period: text }),
    onAsOf: (iso) => go({ ...state, asOf: iso }),
  });
  const langToggle = h(
    'div',
    { class: 'lang', role: 'group', 'aria-label': ctx.t('language') },
    (['fr', 'en'] as const).map((l) =>
      h('button', { type: 'button', class: `lang-btn ${state.lang === l ? 'active' : ''}`, 'aria-pressed': String(state.lang === l), 'data-lang': l, onclick: () => go({ ...state, lang: l }) }, l.toUpperCase()),
    ),
  );
  const p = parsePeriod(state.period)!;
  const activeTab: Page = state.page === 'client' ? 'revenue' : state.page === 'mission' ? 'margin' : state.page;
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h('a', { class: 'brand', href: ctx.href('overview') }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'ak'), h('span', null, h('strong', null, 'agencykpi'), h('small', null, ctx.t('app_tagline')))),
      picker,
      langToggle,
      userMenu(ctx),
    ),
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'Sections' },
      h(
        'div',
        { class: 'tabs-inner' },
        tabsOf(session()).map((page) => h('a', { href: ctx.href(page), class: `tab ${activeTab === page ? 'active' : ''}`, 'aria-current': activeTab === page ? 'page' : null, 'data-page': page }, ctx.t(`nav_${page}` as never))),
        h('span', { class: 'tabs-period', 'data-testid': 'period-label' }, `${periodLabel(state.lang, p, ctx.fmt.date)} · ${ctx.t('as_of').toLowerCase()} ${ctx.fmt.date(state.asOf)}`),
      ),
    ),
  );
}

/** The signed-in account and its sign-out button; nothing for a store without accounts. */
function userMenu(ctx: Ctx): HTMLElement | null {
  const s = session();
  if (!s?.user) return null;
  const out = () => {
    void account.logout().finally(() => signedOut());
  };
  return h(
    'div',
    { class: 'user-menu', 'data-testid': 'user-menu' },
    h('span', { class: 'user-name', title: s.user.email }, `${s.user.name} · ${ctx.t(`role_${s.role}`)}`),
    h('button', { type: 'button', class: 'btn', 'data-testid': 'logout', onclick: out }, ctx.t('logout')),
  );
}

/** "The data ends on 31/07/2026" above the page, with the as-of date that shows it then. */
async function staleNotice(ctx: Ctx, slot: HTMLElement): Promise<void> {
  const meta = await api.metaCached().catch(() => null);
  const period = parsePeriod(ctx.state.period);
  const last = meta && period ? staleUntil(period.end, ctx.state.asOf, meta.last_date) : null;
  if (!last || !ctx.alive()) return;
  slot.append(
    h(
      'div',
      { class: 'stale-banner', role: 'status', 'data-testid': 'stale-data' },
      h('span', null, ctx.t('stale_data', { date: ctx.fmt.date(last) })),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.setAsOf(last) }, ctx.t('stale_data_show', { date: ctx.fmt.date(last) })),
    ),
  );
}

let lastRendered = '';

/** Renders the view of the URL; an event that leaves the URL as rendered is ignored unless forced. */
function route(force = true): void {
  const parsed = parseHash(location.hash, defaultsNow());
  // A page the role does not see sends to the first one it does.
  const allowed = tabsOf(session());
  const reachable = allowed.includes(parsed.page) || (seesFigures(session()) && (parsed.page === 'client' || parsed.page === 'mission'));
  const state = reachable ? parsed : goTo(parsed, allowed[0]!);
  const canonical = serialiseState(state);
  if (location.hash !== canonical) history.replaceState(null, '', canonical);
  if (!force && canonical === lastRendered) return;
  lastRendered = canonical;
  const id = ++renderId;
  tracked.clear();
  viewRendered = false;
  disposeCharts();
  document.documentElement.lang = state.lang;
  const ctx = makeCtx(state, id);
  const app = document.getElementById('app')!;
  const scrollY = window.scrollY;
  const samePage = app.dataset.view === `${state.page}/${state.id ?? ''}`;
  clear(app);
  app.dataset.view = `${state.page}/${state.id ?? ''}`;
  const main = h('main', { class: 'content', id: 'content', 'data-page': state.page });
  const notice = h('div', { class: 'notice-slot' });
  app.append(header(ctx), notice, main);
  if (seesFigures(session())) void staleNotice(ctx, notice);
  document.title = `${ctx.t(`nav_${state.page}` as never) || state.id} · agencykpi`;
  if (state.id) document.title = `${state.id} · agencykpi`;
  const done = Promise.resolve(RENDERERS[state.page](ctx, main));
  done
    .catch((err) => console.error(err))
    .finally(() => {
      if (ctx.alive()) {
        viewRendered = true;
        updateReady(id);
        if (samePage) window.scrollTo(0, scrollY);
      }
    });
}

function showLogin(): void {
  disposeCharts();
  const app = document.getElementById('app')!;
  clear(app);
  app.dataset.view = 'login';
  const lang = parseHash(location.hash, defaultsNow()).lang;
  document.documentElement.lang = lang;
  renderLogin(app, lang, (s) => {
    setSession(s);
    clearCache();
    lastRendered = '';
    route();
  });
}

function signedOut(): void {
  setSession(null);
  clearCache();
  showLogin();
}

/** Who is signed in decides what is shown: the dashboard, or the sign-in form. */
async function start(): Promise<void> {
  try {
    setSession(await account.me());
    route();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      showLogin();
    } else {
      // No answer to say who is signed in: show what a store without accounts shows.
      console.error(err);
      setSession({ local: true, role: 'admin', user: null, csrf_token: '' });
      route();
    }
  }
}

window.addEventListener(SIGNED_OUT_EVENT, () => {
  if (session()) signedOut();
});
window.addEventListener('popstate', () => {
  if (session()) route(false);
});
window.addEventListener('hashchange', () => {
  if (session()) route(false);
});
void start();
