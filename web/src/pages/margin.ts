// Margin per mission (marge par prestation): full margin rate with flags,
// cost breakdown by activity, current vs previous rate, the mission table.

import { api } from '../api';
import { ACTIVITIES, type MissionMargin, type Report } from '../types';
import { ACTIVITY_COLORS, COLORS, renderChart } from '../ui/charts';
import { chartBox, empty, panel, stat, statusChip, table, type Column } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';
import { esc } from './overview';

export function missionTone(m: MissionMargin): string {
  if (m.flags.includes('loss') || m.flags.includes('unbilled')) return COLORS.red;
  if (m.flags.includes('low_margin') || m.flags.includes('eroding')) return COLORS.amber;
  return COLORS.green;
}

export function missionColumns(ctx: Ctx, names: Map<string, string>): Column<MissionMargin>[] {
  const f = ctx.fmt;
  const neg = (v: number | null, text: string) => h('span', { class: v !== null && v < 0 ? 'neg' : '' }, text);
  return [
    { key: 'mission_id', label: ctx.t('col_mission_id') },
    { key: 'name', label: ctx.t('col_name'), render: (m) => h('a', { href: ctx.href('mission', m.mission_id) }, m.name), cls: 'strong' },
    { key: 'client_id', label: ctx.t('col_client_id'), render: (m) => h('a', { href: ctx.href('client', m.client_id) }, names.get(m.client_id) ?? m.client_id) },
    { key: 'revenue', label: ctx.t('col_revenue'), numeric: true, render: (m) => f.money(m.revenue) },
    { key: 'hours', label: ctx.t('col_hours'), numeric: true, render: (m) => f.hours(m.hours) },
    { key: 'labor_cost', label: ctx.t('col_labor_cost'), numeric: true, render: (m) => f.money(m.labor_cost) },
    { key: 'expenses', label: ctx.t('col_expenses'), numeric: true, render: (m) => f.money(m.expenses) },
    { key: 'direct_cost', label: ctx.t('col_direct_cost'), numeric: true, render: (m) => f.money(m.direct_cost) },
    { key: 'direct_margin', label: ctx.t('col_direct_margin'), numeric: true, render: (m) => neg(m.direct_margin, f.money(m.direct_margin)) },
    { key: 'direct_margin_rate', label: ctx.t('col_direct_margin_rate'), numeric: true, render: (m) => neg(m.direct_margin_rate, f.percent(m.direct_margin_rate)) },
    { key: 'overhead', label: ctx.t('col_overhead'), numeric: true, render: (m) => f.money(m.overhead) },
    { key: 'full_cost', label: ctx.t('col_full_cost'), numeric: true, render: (m) => f.money(m.full_cost) },
    { key: 'full_margin', label: ctx.t('col_full_margin'), numeric: true, render: (m) => neg(m.full_margin, f.money(m.full_margin)) },
    { key: 'full_margin_rate', label: ctx.t('col_full_margin_rate'), numeric: true, render: (m) => neg(m.full_margin_rate, f.percent(m.full_margin_rate)) },
    { key: 'previous_full_margin_rate', label: ctx.t('col_previous_full_margin_rate'), numeric: true, render: (m) => f.percent(m.previous_full_margin_rate) },
    { key: 'margin_rate_change', label: ctx.t('col_margin_rate_change'), numeric: true, render: (m) => neg(m.margin_rate_change, f.points(m.margin_rate_change)) },
    { key: 'flags', label: ctx.t('col_flags'), render: (m) => (m.flags.length ? m.flags.map((fl) => statusChip(ctx, 'flag_', fl)) : statusChip(ctx, 'flag_', 'ok')) },
  ];
}

function rateChart(ctx: Ctx, el: HTMLElement, missions: MissionMargin[]): void {
  const f = ctx.fmt;
  const rows = missions.slice().reverse();
  renderChart(
    el,
    {
      grid: { left: 210, right: 150, top: 16, bottom: 40 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const m = rows[p.dataIndex];
          const flags = m.flags.map((fl) => ctx.tk(`flag_${fl}`)).join(', ');
          return `<b>${esc(m.name)}</b> (${esc(m.mission_id)})<br>${ctx.t('col_full_margin_rate')}${ctx.colon}<b>${f.percent(m.full_margin_rate)}</b><br>${ctx.t('col_full_margin')}${ctx.colon}${f.money(m.full_margin)}${flags ? `<br>${esc(flags)}` : ''}`;
        },
      },
      xAxis: { type: 'value', name: ctx.t('col_full_margin_rate'), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
      yAxis: { type: 'category', data: rows.map((m) => `${m.mission_id} · ${m.name}`), axisTick: { show: false }, axisLabel: { width: 196, overflow: 'truncate', color: COLORS.ink } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 20,
          data: rows.map((m) => ({ value: m.full_margin_rate ?? 0, itemStyle: { color: missionTone(m), borderRadius: 3 } })),
          label: {
            show: true,
            position: 'right',
            color: COLORS.slate,
            formatter: (p: { dataIndex: number }) => {
              const m = rows[p.dataIndex];
              const flags = m.flags.map((fl) => ctx.tk(`flag_${fl}`)).join(' · ');
              return `${f.percent(m.full_margin_rate, 0)}${flags ? `  ${flags}` : ''}`;
            },
          },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: COLORS.amber, type: 'dashed' }, label: { formatter: '15 %', color: COLORS.amber }, data: [{ xAxis: 0.15 }] },
        },
      ],
    },
    (p) => ctx.navigate('mission', rows[p.dataIndex].mission_id),
  );
}

function costChart(ctx: Ctx, el: HTMLElement, missions: MissionMargin[]): void {
  const f = ctx.fmt;
  const series = [
    ...ACTIVITIES.map((a, i) => ({
      name: ctx.tk(`act_${a}`),
      type: 'bar',
      stack: 'cost',
      barMaxWidth: 44,
      itemStyle: { color: ACTIVITY_COLORS[i] },
      data: missions.map((m) => m.cost_by_activity[a] || null),
    })),
    { name: ctx.t('expenses_series'), type: 'bar', stack: 'cost', itemStyle: { color: '#f59e0b' }, data: missions.map((m) => m.expenses || null) },
    { name: ctx.t('overhead_series'), type: 'bar', stack: 'cost', itemStyle: { color: '#cbd5e1' }, data: missions.map((m) => m.overhead || null) },
  ];
  renderChart(
    el,
    {
      grid: { left: 64, right: 16, top: 72, bottom: 40 },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, itemGap: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => f.money(v) },
      xAxis: { type: 'category', data: missions.map((m) => m.mission_id), name: ctx.t('mission'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: ctx.t('col_full_cost'), axisLabel: { formatter: (v: number) => f.moneyShort(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
      series,
    },
    (p) => ctx.navigate('mission', missions[p.dataIndex].mission_id),
  );
}

function compareChart(ctx: Ctx, el: HTMLElement, missions: MissionMargin[]): void {
  const f = ctx.fmt;
  renderChart(
    el,
    {
      grid: { left: 56, right: 16, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => f.percent(v) },
      xAxis: { type: 'category', data: missions.map((m) => m.mission_id), name: ctx.t('mission'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: ctx.t('rate_axis'), axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
      series: [
        { name: ctx.t('previous_period'), type: 'bar', barMaxWidth: 22, itemStyle: { color: COLORS.slateLight, borderRadius: [3, 3, 0, 0] }, data: missions.map((m) => m.previous_full_margin_rate) },
        { name: ctx.t('current_period'), type: 'bar', barMaxWidth: 22, itemStyle: { borderRadius: [3, 3, 0, 0] }, data: missions.map((m) => ({ value: m.full_margin_rate, itemStyle: { color: missionTone(m) } })) },
      ],
    },
    (p) => ctx.navigate('mission', missions[p.dataIndex].mission_id),
  );
}

export function renderMargin(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadInto(ctx, root, () => api.report(ctx.apiParams), (report: Report) => {
    const mg = report.margin;
    const f = ctx.fmt;
    const names = new Map(report.revenue.clients.map((c) => [c.client_id, c.name]));
    root.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('total_revenue'), f.money(mg.revenue)),
        stat(ctx.t('labor_cost'), f.money(mg.labor_cost)),
        stat(ctx.t('expenses'), f.money(mg.expenses)),
        stat(ctx.t('total_cost'), f.money(mg.total_cost)),
        stat(ctx.t('col_margin'), f.money(mg.margin), { tone: mg.margin < 0 ? 'red' : 'green' }),
        stat(ctx.t('margin_rate'), f.percent(mg.margin_rate), { tone: mg.margin_rate !== null && mg.margin_rate < 0.15 ? 'amber' : 'green' }),
        stat(ctx.t('overhead_pool'), f.money(mg.overhead_pool), { hint: mg.overhead_unallocated ? `${ctx.t('overhead_unallocated')}${ctx.colon}${f.money(mg.overhead_unallocated)}` : undefined }),
      ),
    );
    const ms = mg.missions;
    const rate = chartBox('chart');
    rate.style.height = `${Math.max(220, 44 * ms.length + 60)}px`;
    const cost = chartBox('chart chart-lg');
    const cmp = chartBox('chart chart-lg');
    const none = () => empty(ctx.t('empty'));
    root.append(
      h(
        'div',
        { class: 'grid-12' },
        panel(ctx.t('margin_by_mission'), ms.length ? rate : none(), { cls: 'span-12' }),
        panel(ctx.t('cost_breakdown'), ms.length ? cost : none(), { cls: 'span-6' }),
        panel(ctx.t('current_vs_previous'), ms.length ? cmp : none(), { cls: 'span-6' }),
        panel(ctx.t('missions_table'), table(ctx, ms, missionColumns(ctx, names), { rowHref: (m) => ctx.href('mission', m.mission_id), testid: 'margin-table' }), { cls: 'span-12' }),
      ),
    );
    if (ms.length) {
      rateChart(ctx, rate, ms);
      costChart(ctx, cost, ms);
      compareChart(ctx, cmp, ms);
    }
  });
}
