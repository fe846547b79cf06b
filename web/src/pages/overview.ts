// Overview: the four KPI cards (value, change against the previous period,
// trend sparkline), the alerts, and revenue by client.

import { api } from '../api';
import { callList, computeAlerts, groupAlerts, type Alert, type AlertGroup, type AlertKind, type CallItem } from '../alerts';
import { periodLabel } from '../i18n';
import { parsePeriod, previousPeriod } from '../period';
import { daysLeftText, levelText, renewalAlertText } from '../renewal';
import type { Report, Rules, Trend, TrendPoint } from '../types';
import { CLASS_COLORS, COLORS, esc, renderChart, rowTooltip } from '../ui/charts';
import { chartBox, chip, delta, empty, panel, statusChip } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h, icon, ICONS } from '../ui/dom';
import { fetchPrevious, loadWithRules } from '../ui/load';
import { fetchTrend, sparkline } from '../ui/trend';

interface Card {
  id: string;
  title: string;
  value: string;
  sub: string;
  change: HTMLElement | null;
  trendKey: keyof TrendPoint;
  trendFormat: (v: number | null) => string;
  page: 'recurrence' | 'revenue' | 'margin' | 'objectives';
  color: string;
}

function ratioChange(ctx: Ctx, cur: number | null, prev: number | null | undefined, goodWhenUp = true): HTMLElement | null {
  if (prev === undefined) return null;
  if (cur === null || prev === null) return null;
  return delta(ctx.fmt.points(cur - prev), cur - prev, goodWhenUp);
}

function moneyChange(ctx: Ctx, cur: number, prev: number | undefined): HTMLElement | null {
  if (prev === undefined) return null;
  if (prev === 0) return cur === 0 ? delta(ctx.fmt.change(0), 0) : null;
  const rel = (cur - prev) / Math.abs(prev);
  return delta(ctx.fmt.change(rel), rel);
}

function cards(ctx: Ctx, r: Report, prev: Report | null): Card[] {
  const f = ctx.fmt;
  const rec = r.recurrence;
  return [
    {
      id: 'recurrence',
      title: ctx.t('kpi_recurrence'),
      value: f.percent(rec.recurrence_rate),
      sub: ctx.t('kpi_recurrence_sub', { spontaneous: rec.spontaneous, solicited: rec.solicited, lost: rec.lost, pending: rec.pending }),
      change: ratioChange(ctx, rec.recurrence_rate, prev?.recurrence.recurrence_rate),
      trendKey: 'recurrence_rate',
      trendFormat: (v) => f.percent(v),
      page: 'recurrence',
      color: COLORS.green,
    },
    {
      id: 'revenue',
      title: ctx.t('kpi_revenue'),
      value: f.money(r.revenue.total_revenue),
      sub: ctx.t('kpi_revenue_sub', { clients: r.revenue.clients_billed, avg: f.money(r.revenue.average_per_client) }),
      change: moneyChange(ctx, r.revenue.total_revenue, prev?.revenue.total_revenue),
      trendKey: 'total_revenue',
      trendFormat: (v) => f.money(v),
      page: 'revenue',
      color: COLORS.blue,
    },
    {
      id: 'margin',
      title: ctx.t('kpi_margin'),
      value: f.percent(r.margin.margin_rate),
      sub: ctx.t('kpi_margin_sub', { margin: f.money(r.margin.margin), cost: f.money(r.margin.total_cost) }),
      change: ratioChange(ctx, r.margin.margin_rate, prev?.margin.margin_rate),
      trendKey: 'margin_rate',
      trendFormat: (v) => f.percent(v),
      page: 'margin',
      color: '#7c3aed',
    },
    {
      id: 'objectives',
      title: ctx.t('kpi_objectives'),
      value: f.percent(r.objectives.mean_capped_attainment),
      sub: ctx.t('kpi_objectives_sub', { met: r.objectives.met, count: r.objectives.count }),
      change: ratioChange(ctx, r.objectives.mean_capped_attainment, prev?.objectives.mean_capped_attainment),
      trendKey: 'mean_capped_attainment',
      trendFormat: (v) => f.percent(v),
      page: 'objectives',
      color: '#0891b2',
    },
  ];
}

function alertText(ctx: Ctx, a: Alert, rules: Rules): string {
  const d = a.data;
  switch (a.kind) {
    case 'lost':
      return ctx.t('alert_lost', { name: String(d.name), contracts: (d.contracts as string[]).join(', ') });
    case 'renewal':
      return renewalAlertText(ctx.state.lang, a.contract!, rules);
    case 'loss':
      return ctx.t('alert_loss', { name: String(d.name), client: String(d.client), margin: ctx.fmt.money(d.margin as number) });
    case 'eroding':
      return ctx.t('alert_eroding', { name: String(d.name), client: String(d.client), change: ctx.fmt.points(d.change as number) });
    case 'behind':
      return ctx.t('alert_behind', { id: String(d.id), metric: String(d.metric), client: String(d.client), projected: ctx.fmt.percent(d.projected as number | null) });
    case 'concentration':
      return ctx.t('alert_concentration', { name: String(d.name), share: ctx.fmt.percent(d.share as number) });
  }
}

/** Alerts shown per kind; the group's link shows them all. */
const ALERTS_PER_GROUP = 3;
/** Clients shown in the call list; its link shows them all. */
const CALLS_SHOWN = 8;

/** Where every alert of a kind is listed: the page, filtered to that kind. */
const GROUP_PAGES: Record<AlertKind, [page: 'recurrence' | 'renewals' | 'margin' | 'objectives' | 'revenue', params: Record<string, string>]> = {
  lost: ['recurrence', { 'f.status': 'lost' }],
  renewal: ['renewals', {}],
  loss: ['margin', { 'f.flags': 'loss' }],
  eroding: ['margin', { 'f.flags': 'eroding' }],
  behind: ['objectives', { 'f.status': 'behind' }],
  concentration: ['revenue', {}],
};

/** Whether the impact of this kind is margin lost (or revenue at stake). */
const MARGIN_KINDS: ReadonlySet<AlertKind> = new Set(['loss', 'eroding']);

function alertItem(ctx: Ctx, a: Alert, rules: Rules): HTMLElement {
  const href = a.missionId && a.kind !== 'lost' && a.kind !== 'concentration' ? ctx.href('mission', a.missionId) : ctx.href('client', a.clientId);
  return h(
    'li',
    { class: `alert alert-${a.severity}`, 'data-kind': a.kind, 'data-contract': a.contract?.contract_id, 'data-impact': a.impact },
    icon(a.severity === 'danger' ? ICONS.alert : ICONS.info, 'icon'),
    h('a', { href }, alertText(ctx, a, rules)),
    a.impact === null ? null : h('span', { class: 'alert-impact', title: ctx.t(MARGIN_KINDS.has(a.kind) ? 'impact_margin' : 'impact_revenue') }, ctx.fmt.money(a.impact)),
  );
}

function alertGroup(ctx: Ctx, g: AlertGroup, rules: Rules): HTMLElement {
  const [page, params] = GROUP_PAGES[g.kind];
  const impactKey = MARGIN_KINDS.has(g.kind) ? 'group_impact_margin' : 'group_impact_revenue';
  return h(
    'section',
    { class: 'alert-group', 'data-group': g.kind },
    h(
      'header',
      { class: 'alert-group-head' },
      h('h3', null, ctx.t(`alerts_group_${g.kind}`), h('span', { class: 'count-badge' }, ctx.fmt.integer(g.count))),
      g.impact === null ? null : h('span', { class: 'muted small' }, ctx.t(impactKey, { amount: ctx.fmt.money(g.impact) })),
      h('a', { class: 'link', href: ctx.href(page, undefined, params) }, g.count > ALERTS_PER_GROUP ? ctx.t('see_all_n', { n: ctx.fmt.integer(g.count) }) : ctx.t('see_all')),
    ),
    h('ul', { class: 'alerts' }, g.alerts.slice(0, ALERTS_PER_GROUP).map((a) => alertItem(ctx, a, rules))),
  );
}

/** The to-do list: alerts by kind, the group with the largest impact first. */
function alertsPanel(ctx: Ctx, r: Report, rules: Rules): HTMLElement {
  const alerts = computeAlerts(r, rules);
  const body = alerts.length
    ? h('div', { class: 'alert-groups', 'data-testid': 'alerts' }, groupAlerts(alerts).map((g) => alertGroup(ctx, g, rules)))
    : h('div', { class: 'state state-ok' }, icon(ICONS.check, 'icon icon-lg'), h('p', null, ctx.t('no_alerts')));
  return panel(ctx.t('alerts'), body, {
    cls: 'span-7',
    sub: alerts.length ? ctx.t('alerts_sub') : undefined,
    actions: alerts.length ? h('span', { class: 'count-badge', 'data-testid': 'alert-count' }, String(alerts.length)) : null,
  });
}

function callReasons(ctx: Ctx, c: CallItem): HTMLElement[] {
  return c.reasons.map((reason) =>
    reason.kind === 'status'
      ? statusChip(ctx, 'status_', reason.status)
      : chip(`${reason.contract.contract_id} · ${daysLeftText(ctx.state.lang, reason.contract.days_left)} · ${levelText(ctx.state.lang, reason.contract.level)}`, reason.contract.level === 'high' ? 'red' : reason.contract.level === 'medium' ? 'amber' : 'grey'),
  );
}

/** The clients to call this week: lost, pending, or with a contract at risk; the most revenue at stake first. */
function callPanel(ctx: Ctx, r: Report): HTMLElement {
  const calls = callList(r);
  const body = calls.length
    ? h(
        'ul',
        { class: 'call-list', 'data-testid': 'call-list' },
        calls.slice(0, CALLS_SHOWN).map((c) =>
          h(
            'li',
            { 'data-client': c.clientId },
            h('div', { class: 'call-who' }, h('a', { href: ctx.href('client', c.clientId), class: 'strong' }, c.name), h('span', { class: 'muted small' }, ` ${c.clientId}`)),
            h('div', { class: 'call-why' }, callReasons(ctx, c)),
            h('div', { class: 'call-stake num', title: ctx.t('col_revenue_at_stake') }, ctx.fmt.money(c.revenue)),
          ),
        ),
      )
    : h('div', { class: 'state state-ok' }, icon(ICONS.check, 'icon icon-lg'), h('p', null, ctx.t('no_calls')));
  return panel(ctx.t('to_call'), body, {
    cls: 'span-5',
    sub: ctx.t('to_call_sub', { n: r.renewal_risk.horizon_days }),
    actions: calls.length > CALLS_SHOWN ? h('a', { class: 'link', href: ctx.href('recurrence', undefined, { 'f.status': 'lost,pending' }) }, ctx.t('see_all_n', { n: ctx.fmt.integer(calls.length) })) : null,
  });
}

function revenueByClient(ctx: Ctx, r: Report): HTMLElement {
  const clients = r.revenue.clients.slice(0, 8);
  if (!clients.length) return panel(ctx.t('top_clients'), empty(ctx.t('empty')), { cls: 'span-12' });
  const box = chartBox('chart chart-md');
  const p = panel(ctx.t('top_clients'), box, {
    cls: 'span-12',
    actions: h('a', { class: 'link', href: ctx.href('revenue') }, ctx.t('see_all')),
  });
  queueMicrotask(() => {
    const rows = clients.slice().reverse();
    renderChart(
      box,
      {
        grid: { left: 130, right: 64, top: 8, bottom: 8 },
        xAxis: { type: 'value', show: false },
        yAxis: { type: 'category', data: rows.map((c) => c.name), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: COLORS.ink, width: 120, overflow: 'truncate' } },
        tooltip: rowTooltip(rows, (c) => `<b>${esc(c.name)}</b><br>${ctx.fmt.money(c.revenue)} · ${ctx.fmt.percent(c.share)}`),
        series: [
          {
            type: 'bar',
            barMaxWidth: 18,
            data: rows.map((c) => ({ value: c.revenue, itemStyle: { color: CLASS_COLORS[c.pareto_class], borderRadius: [0, 4, 4, 0] } })),
            label: { show: true, position: 'right', formatter: (p: { value: number }) => ctx.fmt.moneyShort(p.value), color: COLORS.slate },
          },
        ],
      },
      (p) => ctx.navigate('client', rows[p.dataIndex].client_id),
    );
  });
  return p;
}

export function renderOverview(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadWithRules(
    ctx,
    root,
    () => Promise.all([api.report(ctx.apiParams), fetchPrevious(ctx), fetchTrend(ctx)]),
    ([report, prev, trend]: [Report, Report | null, Trend | null], rules: Rules) => {
      const prevLabel = periodLabel(ctx.state.lang, previousPeriod(parsePeriod(ctx.state.period)!), ctx.fmt.date);
      const grid = h('div', { class: 'kpi-grid' });
      const sparks: [HTMLElement, Card][] = [];
      for (const c of cards(ctx, report, prev)) {
        const spark = h('div', { class: 'sparkline' });
        sparks.push([spark, c]);
        grid.append(
          h(
            'a',
            { class: 'kpi-card', href: ctx.href(c.page), 'data-testid': `kpi-${c.id}`, style: `--accent:${c.color}` },
            h('div', { class: 'kpi-title' }, c.title),
            h('div', { class: 'kpi-value', 'data-testid': `kpi-${c.id}-value` }, c.value),
            h('div', { class: 'kpi-change' }, c.change ?? h('span', { class: 'delta delta-flat' }, ctx.t('no_previous')), c.change ? h('span', { class: 'muted' }, ctx.t('vs_previous', { period: prevLabel })) : null),
            h('div', { class: 'kpi-sub' }, c.sub),
            spark,
          ),
        );
      }
      root.append(grid, h('div', { class: 'grid-12' }, alertsPanel(ctx, report, rules), callPanel(ctx, report), revenueByClient(ctx, report)));
      if (trend && trend.points.length > 1) {
        for (const [el, c] of sparks) {
          if (trend.points.some((p) => typeof p[c.trendKey] === 'number')) sparkline(ctx, el, trend.points, c.trendKey, c.trendFormat, c.color);
          else el.append(h('span', { class: 'sparkline-empty' }, ctx.t('no_trend')));
        }
      }
    },
  );
}
