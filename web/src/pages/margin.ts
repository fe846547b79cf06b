// Margin per mission (marge par prestation): full margin rate with flags,
// cost breakdown by activity, current vs previous rate, the fixed-fee
// missions with what they earned (SPEC 6.2), the mission table.

import { api } from '../api';
import { feeMissions } from '../fees';
import { isThinMargin } from '../rules';
import type { MissionMargin, Report, Rules } from '../types';
import { activitySeries, COLORS, esc, renderChart, rowTooltip } from '../ui/charts';
import { chartBox, empty, panel, stat } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadWithRules } from '../ui/load';
import { listView } from '../ui/list-view';
import { feeColumns, missionColumns, missionFilters, missionTone, MISSION_TRIAGE_SORT } from '../ui/missions';

/** The height of one mission's bar in the rate chart. */
const CHART_ROW_PX = 22;
/** The fixed-fee missions shown before "show all": the page's second list, kept short. */
const FEE_TOP = 10;

function rateChart(ctx: Ctx, el: HTMLElement, missions: MissionMargin[], rules: Rules): void {
  const f = ctx.fmt;
  const rows = missions.slice().reverse();
  renderChart(
    el,
    {
      grid: { left: 210, right: 150, top: 16, bottom: 40 },
      tooltip: rowTooltip(rows, (m) => {
        const flags = m.flags.map((fl) => ctx.tk(`flag_${fl}`)).join(', ');
        return `<b>${esc(m.name)}</b> (${esc(m.mission_id)})<br>${ctx.t('col_full_margin_rate')}${ctx.colon}<b>${f.percent(m.full_margin_rate)}</b><br>${ctx.t('col_full_margin')}${ctx.colon}${f.money(m.full_margin)}${flags ? `<br>${esc(flags)}` : ''}`;
      }),
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
          markLine: { silent: true, symbol: 'none', lineStyle: { color: COLORS.amber, type: 'dashed' }, label: { formatter: f.percent(rules.thin_margin_rate, 0), color: COLORS.amber }, data: [{ xAxis: rules.thin_margin_rate }] },
        },
      ],
    },
    (p) => ctx.navigate('mission', rows[p.dataIndex].mission_id),
  );
}

function costChart(ctx: Ctx, el: HTMLElement, missions: MissionMargin[]): void {
  const f = ctx.fmt;
  const series = [
    ...activitySeries(ctx.tk, missions, (m, a) => m.cost_by_activity[a], 'cost', 44),
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
  return loadWithRules(ctx, root, () => api.report(ctx.apiParams), (report: Report, rules) => {
    const mg = report.margin;
    const f = ctx.fmt;
    root.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('total_revenue'), f.money(mg.revenue), { hint: ctx.t('invoiced_hint'), testid: 'margin-revenue' }),
        stat(ctx.t('earned_revenue'), f.money(mg.earned_revenue), { hint: ctx.t('earned_hint'), testid: 'earned-revenue' }),
        stat(ctx.t('col_margin'), f.money(mg.margin), { tone: mg.margin < 0 ? 'red' : 'green', hint: ctx.t('invoiced_hint') }),
        stat(ctx.t('earned_margin'), f.money(mg.earned_margin), { tone: mg.earned_margin < 0 ? 'red' : 'green', hint: ctx.t('earned_hint'), testid: 'earned-margin' }),
        stat(ctx.t('margin_rate'), f.percent(mg.margin_rate), { tone: isThinMargin(mg.margin_rate, rules) ? 'amber' : 'green', hint: ctx.t('invoiced_hint') }),
        stat(ctx.t('earned_margin_rate'), f.percent(mg.earned_margin_rate), { tone: isThinMargin(mg.earned_margin_rate, rules) ? 'amber' : 'green', hint: ctx.t('earned_hint'), testid: 'earned-margin-rate' }),
      ),
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('labor_cost'), f.money(mg.labor_cost)),
        stat(ctx.t('expenses'), f.money(mg.expenses)),
        stat(ctx.t('total_cost'), f.money(mg.total_cost)),
        stat(ctx.t('overhead_pool'), f.money(mg.overhead_pool), { hint: mg.overhead_unallocated ? `${ctx.t('overhead_unallocated')}${ctx.colon}${f.money(mg.overhead_unallocated)}` : undefined }),
      ),
    );
    const ms = mg.missions;
    const rate = chartBox('chart');
    const cost = chartBox('chart chart-lg');
    const cmp = chartBox('chart chart-lg');
    const none = () => empty(ctx.t('empty'));
    const hasFees = feeMissions(ms).length > 0;
    // The charts follow the mission table: its first rows, in its order and filter.
    const followTable = (rows: MissionMargin[]) => {
      rate.style.height = `${Math.max(160, CHART_ROW_PX * rows.length + 60)}px`;
      rateChart(ctx, rate, rows, rules);
      costChart(ctx, cost, rows);
      compareChart(ctx, cmp, rows);
    };
    const filters = missionFilters(ctx, ms);
    root.append(
      h(
        'div',
        { class: 'grid-12' },
        panel(ctx.t('missions_table'), ms.length ? listView<MissionMargin>(ctx, { section: 'margin', columns: missionColumns(ctx), defaultSort: MISSION_TRIAGE_SORT, filters, rowHref: (m) => ctx.href('mission', m.mission_id), testid: 'margin-table', onRows: followTable }) : none(), { cls: 'span-12', sub: ctx.t('missions_table_sub') }),
        panel(ctx.t('margin_by_mission'), ms.length ? rate : none(), { cls: 'span-12', sub: ctx.t('charts_follow_table') }),
        panel(ctx.t('cost_breakdown'), ms.length ? cost : none(), { cls: 'span-6' }),
        panel(ctx.t('current_vs_previous'), ms.length ? cmp : none(), { cls: 'span-6' }),
        hasFees
          ? panel(ctx.t('fee_missions'), listView<MissionMargin>(ctx, { section: 'margin', prefix: 'f', top: FEE_TOP, columns: feeColumns(ctx), defaultSort: 'billing_gap', fixed: { fee: 'present' }, filters: filters.filter((x) => x.key === 'client_id'), rowHref: (m) => ctx.href('mission', m.mission_id), testid: 'fee-table' }), { cls: 'span-12', sub: ctx.t('fee_missions_sub') })
          : null,
      ),
    );
  });
}
