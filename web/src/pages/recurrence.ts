// Recurrence (taux de récurrence): client statuses as a donut and a list,
// and the three rates over time.

import { api } from '../api';
import type { RecurrenceClient, RecurrenceStatus, Report, Trend } from '../types';
import { COLORS, esc, STATUS_COLORS, renderChart } from '../ui/charts';
import { chartBox, chip, empty, panel, stat, statusChip, type Column } from '../ui/components';
import { listView } from '../ui/list-view';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';
import { fetchTrend, pointLabel } from '../ui/trend';

const STATUSES: RecurrenceStatus[] = ['spontaneous', 'solicited', 'pending', 'lost'];
/** Lost clients first, then pending ones, each by the revenue at stake. */
export const RECURRENCE_TRIAGE_SORT = '-status,-revenue';
const GRANS = ['month', 'quarter', 'half'] as const;

export function renderRecurrence(ctx: Ctx, root: HTMLElement): Promise<void> {
  const gran: (typeof GRANS)[number] = (GRANS as readonly string[]).includes(ctx.state.params.gran ?? '') ? (ctx.state.params.gran as (typeof GRANS)[number]) : 'quarter';
  return loadInto(
    ctx,
    root,
    () => Promise.all([api.report(ctx.apiParams), fetchTrend(ctx, gran)]),
    ([report, trend]: [Report, Trend | null]) => {
      const rec = report.recurrence;
      const f = ctx.fmt;

      const stats = h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('recurrence_rate'), f.percent(rec.recurrence_rate), { tone: 'green', testid: 'recurrence-rate' }),
        stat(ctx.t('renewal_rate'), f.percent(rec.renewal_rate), { tone: 'blue' }),
        stat(ctx.t('churn_rate'), f.percent(rec.churn_rate), { tone: 'red' }),
        stat(ctx.t('ending_clients'), f.integer(rec.ending_clients)),
        stat(ctx.t('decided'), f.integer(rec.decided)),
      );

      const donut = chartBox('chart chart-md');
      const donutPanel = panel(ctx.t('recurrence_statuses'), rec.ending_clients ? donut : empty(ctx.t('empty')), { cls: 'span-5', sub: ctx.t('recurrence_help') });

      const columns: Column<RecurrenceClient>[] = [
        { key: 'client_id', label: ctx.t('col_client_id') },
        { key: 'name', label: ctx.t('col_name'), render: (r) => h('a', { href: ctx.href('client', r.client_id) }, r.name), cls: 'strong' },
        { key: 'status', label: ctx.t('col_status'), render: (r) => statusChip(ctx, 'status_', r.status) },
        { key: 'revenue', label: ctx.t('col_revenue_at_stake'), numeric: true, render: (r) => f.money(r.revenue) },
        { key: 'ending_contracts', label: ctx.t('col_ending_contracts'), sortable: false, render: (r) => r.ending_contracts.map((k) => chip(k, 'grey')) },
      ];
      const statusFilter = { key: 'status', label: ctx.t('col_status'), options: STATUSES.map((st) => ({ value: st, label: ctx.tk(`status_${st}`) })) };
      const list = panel(
        ctx.t('recurrence_list'),
        rec.clients.length ? listView<RecurrenceClient>(ctx, { section: 'recurrence', columns, defaultSort: RECURRENCE_TRIAGE_SORT, filters: [statusFilter], rowHref: (r) => ctx.href('client', r.client_id), testid: 'recurrence-table' }) : empty(ctx.t('empty')),
        { cls: 'span-7' },
      );

      const granSel = h(
        'div',
        { class: 'segmented', role: 'group', 'aria-label': ctx.t('granularity') },
        GRANS.map((g) => h('button', { type: 'button', class: g === gran ? 'active' : '', 'aria-pressed': String(g === gran), onclick: () => ctx.setParams({ gran: g }) }, ctx.t(`gran_${g}`))),
      );
      const trendBox = chartBox('chart chart-lg');
      const trendPanel = panel(ctx.t('rates_over_time'), trend && trend.points.length ? trendBox : empty(ctx.t('empty')), { cls: 'span-12', actions: granSel });

      root.append(stats, h('div', { class: 'grid-12' }, donutPanel, list, trendPanel));

      if (rec.ending_clients) {
        const data = STATUSES.map((s) => ({ name: ctx.tk(`status_${s}`), value: rec[s], itemStyle: { color: STATUS_COLORS[s] }, status: s }));
        renderChart(donut, {
          tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${esc(p.name)}${ctx.colon}<b>${p.value}</b> (${f.percent(p.percent / 100)})` },
          legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10 },
          series: [
            {
              type: 'pie',
              radius: ['52%', '78%'],
              center: ['50%', '44%'],
              avoidLabelOverlap: true,
              itemStyle: { borderColor: '#fff', borderWidth: 2 },
              label: { show: true, position: 'center', formatter: () => `${f.percent(rec.recurrence_rate)}`, fontSize: 26, fontWeight: 700, color: COLORS.ink },
              labelLine: { show: false },
              emphasis: { label: { show: true } },
              data,
            },
          ],
        });
      }
      if (trend && trend.points.length) {
        const pts = trend.points;
        const series = (['recurrence_rate', 'renewal_rate', 'churn_rate'] as const).map((k, i) => ({
          name: ctx.t(k),
          type: 'line',
          data: pts.map((p) => p[k]),
          connectNulls: true,
          smooth: 0.2,
          symbolSize: 6,
          lineStyle: { width: 2.5 },
          itemStyle: { color: [COLORS.green, COLORS.blueMid, COLORS.red][i] },
        }));
        renderChart(trendBox, {
          grid: { left: 56, right: 24, top: 40, bottom: 40 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => f.percent(v) },
          xAxis: { type: 'category', data: pts.map((p) => pointLabel(ctx, p)), name: ctx.t(`gran_${gran}` as never), nameLocation: 'middle', nameGap: 28, axisLine: { lineStyle: { color: COLORS.slateLight } } },
          yAxis: { type: 'value', min: 0, max: 1, name: ctx.t('rate_axis'), axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
          series,
        });
      }
    },
  );
}
