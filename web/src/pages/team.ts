// Team (charge et taux d'occupation, SPEC 6.1): who is over- or
// under-occupied, how much of the time is billable, where the hours go, and
// what one store visit costs the agency.

import { api } from '../api';
import { OVER_OCCUPIED_ABOVE, UNDER_OCCUPIED_BELOW, occupancyBand, type OccupancyBand } from '../rules';
import type { Report, WorkloadEmployee } from '../types';
import { activitySeries, COLORS, esc, renderChart, rowTooltip } from '../ui/charts';
import { chartBox, chip, empty, numberColumn, panel, stat, type Column, type Tone } from '../ui/components';
import { listView } from '../ui/list-view';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';
import { TEAM_DEFAULT_SORT } from '../workload';

/** The height of one employee's bar in the charts. */
const CHART_ROW_PX = 32;

const BAND_TONES: Record<OccupancyBand, Tone> = { over: 'red', under: 'amber', normal: 'green' };
const BAND_COLORS: Record<OccupancyBand, string> = { over: COLORS.red, under: COLORS.amber, normal: COLORS.green };

/** The occupancy of an employee with its band: "Over-occupied 112 %". */
function occupancyCell(ctx: Ctx, e: WorkloadEmployee): HTMLElement {
  const band = occupancyBand(e.occupancy);
  if (band === null) return h('span', { class: 'muted', title: ctx.t('team_no_capacity') }, '—');
  return h(
    'span',
    { class: 'occ', 'data-band': band },
    band === 'normal' ? null : chip(ctx.t(`occ_${band}`), BAND_TONES[band]),
    h('b', { class: band === 'over' ? 'neg' : '' }, ctx.fmt.percent(e.occupancy, 0)),
  );
}

function shareCell(ctx: Ctx, share: number | null): HTMLElement {
  return h(
    'span',
    { class: 'occ' },
    share === null ? null : h('span', { class: 'share-bar', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.max(0, Math.min(1, share)) * 100}%` })),
    ctx.fmt.percent(share, 0),
  );
}

function columns(ctx: Ctx): Column<WorkloadEmployee>[] {
  const f = ctx.fmt;
  const num = (key: keyof WorkloadEmployee & string, format: (v: number | null) => string) => numberColumn<WorkloadEmployee>(ctx, key, format);
  return [
    { key: 'employee_id', label: ctx.t('col_employee_id') },
    { key: 'name', label: ctx.t('col_name'), cls: 'strong' },
    { key: 'role', label: ctx.t('col_role'), render: (e) => e.role ?? '—' },
    { key: 'occupancy', label: ctx.t('col_occupancy'), numeric: true, render: (e) => occupancyCell(ctx, e) },
    { key: 'billable_share', label: ctx.t('col_billable_share'), numeric: true, render: (e) => shareCell(ctx, e.billable_share) },
    num('hours', f.hours),
    num('capacity_hours', f.hours),
    num('mission_hours', f.hours),
    num('internal_hours', f.hours),
    num('labor_cost', f.money),
    num('visits', f.integer),
    num('missions', f.integer),
  ];
}

/** Occupancy per employee as bars, with the two band bounds marked. */
function occupancyChart(ctx: Ctx, el: HTMLElement, items: WorkloadEmployee[]): void {
  const f = ctx.fmt;
  const rows = items.slice().reverse();
  const mark = (x: number, color: string) => ({ xAxis: x, lineStyle: { color, type: 'dashed' }, label: { formatter: f.percent(x, 0), color } });
  renderChart(el, {
    grid: { left: 130, right: 56, top: 24, bottom: 32 },
    tooltip: rowTooltip(rows, (e) => {
      const band = occupancyBand(e.occupancy);
      return `<b>${esc(e.name)}</b> (${esc(e.employee_id)})<br>${ctx.t('col_occupancy')}${ctx.colon}<b>${f.percent(e.occupancy)}</b>${band && band !== 'normal' ? ` · ${ctx.t(`occ_${band}`)}` : ''}<br>${ctx.t('col_hours')}${ctx.colon}${f.hours(e.hours)} / ${f.hours(e.capacity_hours)}`;
    }),
    xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(v.max, OVER_OCCUPIED_ABOVE) * 1.1, axisLabel: { showMaxLabel: false, formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', data: rows.map((e) => e.name), axisTick: { show: false }, axisLabel: { color: COLORS.ink, width: 120, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((e) => {
          const band = occupancyBand(e.occupancy);
          return { value: e.occupancy ?? 0, itemStyle: { color: band ? BAND_COLORS[band] : COLORS.slateLight, borderRadius: [0, 3, 3, 0] } };
        }),
        label: { show: true, position: 'right', color: COLORS.slate, formatter: (p: { dataIndex: number }) => (rows[p.dataIndex].occupancy === null ? ctx.t('team_no_capacity') : f.percent(rows[p.dataIndex].occupancy, 0)) },
        markLine: { silent: true, symbol: 'none', data: [mark(UNDER_OCCUPIED_BELOW, COLORS.amber), mark(OVER_OCCUPIED_ABOVE, COLORS.red)] },
      },
    ],
  });
}

/** Hours of each employee stacked by activity. */
function hoursChart(ctx: Ctx, el: HTMLElement, items: WorkloadEmployee[]): void {
  const f = ctx.fmt;
  const rows = items.slice().reverse();
  renderChart(el, {
    grid: { left: 130, right: 24, top: 56, bottom: 32 },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, itemGap: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => f.hours(v) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.hours(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', data: rows.map((e) => e.name), axisTick: { show: false }, axisLabel: { color: COLORS.ink, width: 120, overflow: 'truncate' } },
    series: activitySeries(ctx.tk, rows, (e, a) => e.hours_by_activity[a], 'hours', 22),
  });
}

export function renderTeam(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadInto(ctx, root, () => api.report(ctx.apiParams), (report: Report) => {
    const w = report.workload;
    const f = ctx.fmt;
    root.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('team_employees'), f.integer(w.employees), { testid: 'team-employees' }),
        stat(ctx.t('team_hours'), f.hours(w.hours), { hint: ctx.t('team_hours_hint', { mission: f.hours(w.mission_hours), internal: f.hours(w.internal_hours) }), testid: 'team-hours' }),
        stat(ctx.t('team_billable_share'), f.percent(w.billable_share), { tone: 'blue', testid: 'team-billable' }),
        stat(ctx.t('team_cost_per_visit'), f.money(w.cost_per_visit), { hint: ctx.t('team_cost_per_visit_hint'), testid: 'team-cost-per-visit' }),
      ),
    );
    const items = w.items;
    const occ = chartBox('chart');
    const hours = chartBox('chart');
    // The charts follow the table: its first rows, in its order and filter.
    const followTable = (rows: WorkloadEmployee[]) => {
      occ.style.height = `${Math.max(200, CHART_ROW_PX * rows.length + 70)}px`;
      hours.style.height = `${Math.max(220, CHART_ROW_PX * rows.length + 100)}px`;
      occupancyChart(ctx, occ, rows);
      hoursChart(ctx, hours, rows);
    };
    const none = () => empty(ctx.t('empty'));
    root.append(
      h(
        'div',
        { class: 'grid-12' },
        panel(ctx.t('team_occupancy_chart'), items.length ? occ : none(), {
          cls: 'span-5',
          sub: ctx.t('team_occupancy_sub', { over: f.percent(OVER_OCCUPIED_ABOVE, 0), under: f.percent(UNDER_OCCUPIED_BELOW, 0) }),
        }),
        panel(ctx.t('team_hours_chart'), items.length ? hours : none(), { cls: 'span-7' }),
        panel(ctx.t('team_table'), items.length ? listView<WorkloadEmployee>(ctx, { section: 'workload', columns: columns(ctx), defaultSort: TEAM_DEFAULT_SORT, testid: 'team-table', rowClass: (e) => `occ-${occupancyBand(e.occupancy) ?? 'none'}`, onRows: followTable }) : none(), { cls: 'span-12' }),
      ),
    );
  });
}
