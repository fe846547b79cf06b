// Revenue per client (CA par client): Pareto / ABC with the class A mark,
// revenue against hours (ROI), concentration, and the full client table.

import { api } from '../api';
import { hhiBand, isConcentrated } from '../rules';
import type { Report, RevenueClient, Rules } from '../types';
import { CLASS_COLORS, COLORS, esc, renderChart, rowTooltip } from '../ui/charts';
import { chartBox, chip, empty, panel, stat, STATUS_TONES, type Column } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadWithRules } from '../ui/load';
import { listView } from '../ui/list-view';
import { valueFilter } from '../ui/list-filters';
import type { ListPage } from '../list-query';

/** Where an HHI sits on the 0–10 000 scale, in percent (the HHI of one client is 10 000). */
function hhiScalePercent(hhi: number): number {
  return Math.min(100, hhi / 100);
}

/** The largest revenue first: what is at stake. */
const REVENUE_TRIAGE_SORT = '-revenue';

function classFilter(ctx: Ctx) {
  return { key: 'pareto_class', label: ctx.t('col_pareto_class'), options: (['A', 'B', 'C'] as const).map((c) => ({ value: c, label: ctx.t(`class_${c}`) })) };
}

export function revenueColumns(ctx: Ctx): Column<RevenueClient>[] {
  const f = ctx.fmt;
  return [
    { key: 'client_id', label: ctx.t('col_client_id') },
    { key: 'name', label: ctx.t('col_name'), render: (c) => h('a', { href: ctx.href('client', c.client_id) }, c.name), cls: 'strong' },
    { key: 'revenue', label: ctx.t('col_revenue'), numeric: true, render: (c) => f.money(c.revenue) },
    { key: 'share', label: ctx.t('col_share'), numeric: true, render: (c) => f.percent(c.share) },
    { key: 'index_vs_average', label: ctx.t('col_index_vs_average'), numeric: true, render: (c) => f.number(c.index_vs_average) },
    { key: 'cumulative_share', label: ctx.t('col_cumulative_share'), numeric: true, render: (c) => f.percent(c.cumulative_share) },
    { key: 'pareto_class', label: ctx.t('col_pareto_class'), render: (c) => chip(c.pareto_class, STATUS_TONES[c.pareto_class]) },
    { key: 'hours', label: ctx.t('col_hours'), numeric: true, render: (c) => f.hours(c.hours) },
    { key: 'visits', label: ctx.t('col_visits'), numeric: true, render: (c) => f.integer(c.visits) },
    { key: 'labor_cost', label: ctx.t('col_labor_cost'), numeric: true, render: (c) => f.money(c.labor_cost) },
    { key: 'expenses', label: ctx.t('col_expenses'), numeric: true, render: (c) => f.money(c.expenses) },
    { key: 'overhead', label: ctx.t('col_overhead'), numeric: true, render: (c) => f.money(c.overhead) },
    { key: 'full_cost', label: ctx.t('col_full_cost'), numeric: true, render: (c) => f.money(c.full_cost) },
    { key: 'margin', label: ctx.t('col_margin'), numeric: true, render: (c) => h('span', { class: c.margin < 0 ? 'neg' : '' }, f.money(c.margin)) },
    { key: 'roi', label: ctx.t('col_roi'), numeric: true, render: (c) => h('span', { class: c.roi !== null && c.roi < 0 ? 'neg' : '' }, f.percent(c.roi, 0)) },
    { key: 'revenue_per_hour', label: ctx.t('col_revenue_per_hour'), numeric: true, render: (c) => f.money(c.revenue_per_hour) },
    { key: 'avg_complexity', label: ctx.t('col_avg_complexity'), numeric: true, render: (c) => f.number(c.avg_complexity, 1) },
  ];
}

/** The "others" bar is drawn while it is at most this many times the largest client's. */
const OTHERS_BAR_MAX_RATIO = 3;
/** Clients named in the scatter chart (the first of the table); the others show their name on hover. */
const SCATTER_LABELS = 8;

/** The revenue of the list's clients not drawn: one "others" bar, so the chart stays readable. */
function othersOf(clients: RevenueClient[], page: ListPage<RevenueClient>): { count: number; revenue: number } {
  const drawn = clients.reduce((s, c) => s + c.revenue, 0);
  return { count: page.total - clients.length, revenue: Math.round(((page.sums.revenue ?? 0) - drawn) * 100) / 100 };
}

function paretoChart(ctx: Ctx, el: HTMLElement, clients: RevenueClient[], page: ListPage<RevenueClient>, rules: Rules): void {
  const f = ctx.fmt;
  const others = othersOf(clients, page);
  const othersLabel = ctx.t('chart_others', { n: f.integer(others.count) });
  // The rest as one bar while it stays comparable; when it would flatten the
  // clients drawn, its amount is said above the chart instead.
  const largest = Math.max(0, ...clients.map((c) => c.revenue));
  const othersBar = others.count > 0 && others.revenue <= OTHERS_BAR_MAX_RATIO * largest;
  const labels = [...clients.map((c) => c.name), ...(othersBar ? [othersLabel] : [])];
  renderChart(
    el,
    {
      grid: { left: 64, right: 56, top: 40, bottom: labels.length > 6 ? 80 : 56 },
      title: others.count > 0 && !othersBar ? { text: `${othersLabel}${ctx.colon}${f.money(others.revenue)}`, right: 56, bottom: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: COLORS.slate } } : undefined,
      legend: {
        top: 0,
        data: [ctx.t('class_A'), ctx.t('class_B'), ctx.t('class_C'), ctx.t('pareto_cumulative')],
      },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const c = clients[ps[0].dataIndex];
          if (!c) return `<b>${esc(othersLabel)}</b><br>${ctx.t('col_revenue')}${ctx.colon}<b>${f.money(others.revenue)}</b>`;
          return `<b>${esc(c.name)}</b> (${esc(c.client_id)})<br>${ctx.t('col_revenue')}${ctx.colon}<b>${f.money(c.revenue)}</b><br>${ctx.t('col_share')}${ctx.colon}${f.percent(c.share)}<br>${ctx.t('pareto_cumulative')}${ctx.colon}${f.percent(c.cumulative_share)}<br>${ctx.t('col_pareto_class')}${ctx.colon}${c.pareto_class}`;
        },
      },
      xAxis: {
        type: 'category',
        data: labels,
        name: ctx.t('client'),
        nameLocation: 'middle',
        nameGap: labels.length > 6 ? 60 : 30,
        triggerEvent: true,
        axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0, width: 110, overflow: 'truncate', color: COLORS.ink },
        axisLine: { lineStyle: { color: COLORS.slateLight } },
      },
      yAxis: [
        { type: 'value', name: ctx.t('revenue_axis'), axisLabel: { formatter: (v: number) => f.moneyShort(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
        { type: 'value', name: ctx.t('pareto_cumulative'), min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { show: false } },
      ],
      series: [
        ...(['A', 'B', 'C'] as const).map((cls) => ({
          name: ctx.t(`class_${cls}`),
          type: 'bar',
          stack: 'revenue',
          barMaxWidth: 56,
          itemStyle: { color: CLASS_COLORS[cls], borderRadius: [4, 4, 0, 0] },
          data: clients.map((c) => (c.pareto_class === cls ? c.revenue : null)),
        })),
        ...(othersBar ? [{ name: othersLabel, type: 'bar', stack: 'revenue', barMaxWidth: 56, itemStyle: { color: COLORS.slateLight, borderRadius: [4, 4, 0, 0] }, data: [...clients.map(() => null), others.revenue] }] : []),
        {
          name: ctx.t('pareto_cumulative'),
          type: 'line',
          yAxisIndex: 1,
          data: clients.map((c) => c.cumulative_share),
          symbolSize: 7,
          itemStyle: { color: COLORS.amber },
          lineStyle: { width: 2.5 },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: COLORS.red, type: 'dashed' },
            label: { formatter: ctx.fmt.percent(rules.pareto_class_a_below, 0), position: 'insideEndTop', color: COLORS.red },
            data: [{ yAxis: rules.pareto_class_a_below }],
          },
        },
      ],
    },
    (p) => {
      const c = clients[p.dataIndex] ?? clients.find((x) => x.name === p.value);
      if (c) ctx.navigate('client', c.client_id);
    },
  );
}

function scatterChart(ctx: Ctx, el: HTMLElement, clients: RevenueClient[]): void {
  const f = ctx.fmt;
  const maxVisits = Math.max(1, ...clients.map((c) => c.visits));
  renderChart(
    el,
    {
      grid: { left: 64, right: 32, top: 24, bottom: 48 },
      tooltip: rowTooltip(
        clients,
        (c) =>
          `<b>${esc(c.name)}</b><br>${ctx.t('col_revenue')}${ctx.colon}${f.money(c.revenue)}<br>${ctx.t('col_hours')}${ctx.colon}${f.hours(c.hours)}<br>${ctx.t('col_visits')}${ctx.colon}${c.visits}<br>${ctx.t('col_revenue_per_hour')}${ctx.colon}${f.money(c.revenue_per_hour)}<br>${ctx.t('col_roi')}${ctx.colon}${f.percent(c.roi, 0)}`,
      ),
      xAxis: { type: 'value', name: ctx.t('hours_axis'), nameLocation: 'middle', nameGap: 30, splitLine: { lineStyle: { color: COLORS.grid } } },
      yAxis: { type: 'value', name: ctx.t('revenue_axis'), axisLabel: { formatter: (v: number) => f.moneyShort(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
      series: [
        {
          type: 'scatter',
          data: clients.map((c) => ({
            value: [c.hours, c.revenue],
            name: c.name,
            symbolSize: 12 + 34 * Math.sqrt(c.visits / maxVisits),
            itemStyle: { color: c.margin < 0 ? COLORS.red : CLASS_COLORS[c.pareto_class], opacity: 0.8, borderColor: '#fff' },
          })),
          label: { show: true, position: 'top', formatter: (p: { name: string; dataIndex: number }) => (p.dataIndex < SCATTER_LABELS ? p.name : ''), color: COLORS.slate, fontSize: 11 },
        },
      ],
    },
    (p) => ctx.navigate('client', clients[p.dataIndex].client_id),
  );
}

export function renderRevenue(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadWithRules(ctx, root, () => api.report(ctx.apiParams), (report: Report, rules) => {
    const rv = report.revenue;
    const f = ctx.fmt;
    const band = hhiBand(rv.hhi, rules);
    // The charts follow the client table: its first rows, in its order and filter.
    const followTable = (rows: RevenueClient[], page: ListPage<RevenueClient>) => {
      paretoChart(ctx, pareto, rows, page, rules);
      scatterChart(ctx, scatter, rows);
    };
    root.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('total_revenue'), f.money(rv.total_revenue), { testid: 'total-revenue' }),
        stat(ctx.t('clients_billed'), f.integer(rv.clients_billed)),
        stat(ctx.t('average_per_client'), f.money(rv.average_per_client)),
        stat(ctx.t('unallocated_revenue'), f.money(rv.unallocated_revenue)),
      ),
    );
    const hasClients = rv.clients.length > 0;
    const pareto = chartBox('chart chart-lg');
    pareto.setAttribute('data-testid', 'pareto-chart');
    const scatter = chartBox('chart chart-lg');
    const conc = h(
      'div',
      { class: 'conc' },
      stat(ctx.t('top1_share'), f.percent(rv.top1_share), { tone: isConcentrated(rv.top1_share, rules) ? 'amber' : undefined }),
      stat(ctx.t('top3_share'), f.percent(rv.top3_share)),
      stat(ctx.t('hhi'), f.integer(rv.hhi), { hint: band ? ctx.t(band) : undefined, tone: band === 'hhi_high' ? 'red' : band === 'hhi_moderate' ? 'amber' : band ? 'green' : undefined }),
      h(
        'div',
        { class: 'hhi-scale', 'aria-hidden': 'true', style: `--hhi-moderate:${hhiScalePercent(rules.hhi_moderate_from)}%;--hhi-high:${hhiScalePercent(rules.hhi_high_above)}%` },
        h('span', { class: 'hhi-pin', style: `left:${hhiScalePercent(rv.hhi ?? 0)}%` }),
      ),
    );
    root.append(
      h(
        'div',
        { class: 'grid-12' },
        panel(ctx.t('clients_table'), hasClients ? listView<RevenueClient>(ctx, { section: 'revenue', columns: revenueColumns(ctx), defaultSort: REVENUE_TRIAGE_SORT, filters: [classFilter(ctx), valueFilter('sector', ctx.t('col_sector'), rv.clients.map((c) => c.sector))], rowHref: (c) => ctx.href('client', c.client_id), testid: 'revenue-table', onRows: followTable }) : empty(ctx.t('empty')), { cls: 'span-12' }),
        panel(ctx.t('pareto'), hasClients ? pareto : empty(ctx.t('empty')), { cls: 'span-8', sub: ctx.t('charts_follow_clients') }),
        panel(ctx.t('concentration'), conc, { cls: 'span-4' }),
        panel(ctx.t('roi_scatter'), hasClients ? scatter : empty(ctx.t('empty')), { cls: 'span-12' }),
      ),
    );
  });
}
