// A mission's page: its margin line with flags, what a fixed fee earned
// (SPEC 6.2), the last 12 months, cost by activity, its objectives and the
// renewal price calculator (SPEC 6.4).

import { api } from '../api';
import { ACTIVITIES, EXPENSE_CATEGORIES, type MissionDetail } from '../types';
import { ACTIVITY_COLORS, COLORS, renderChart } from '../ui/charts';
import { chartBox, chip, empty, panel, stat, statusChip } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';
import { billingGapStat } from '../ui/missions';
import { objectiveList } from '../ui/objectives';
import { priceCalculator } from '../ui/price';

export function renderMission(ctx: Ctx, root: HTMLElement): Promise<void> {
  const id = ctx.state.id ?? '';
  return loadInto(ctx, root, () => api.mission(id, ctx.apiParams), (d: MissionDetail) => {
    const f = ctx.fmt;
    const m = d.mission;
    const mg = d.margin;
    root.append(
      h(
        'div',
        { class: 'page-head' },
        h('a', { class: 'back', href: ctx.href('margin') }, `← ${ctx.t('nav_margin')}`),
        h('h1', { 'data-testid': 'mission-name' }, m.name, h('span', { class: 'muted id' }, m.mission_id)),
        h(
          'div',
          { class: 'page-tags' },
          h('a', { class: 'chip chip-blue', href: ctx.href('client', m.client_id) }, m.client_name),
          m.type ? chip(m.type, 'grey') : null,
          chip(`${f.date(m.start_date)} → ${f.date(m.end_date)}`, 'grey'),
          m.complexity !== null ? chip(`${ctx.t('complexity')} ${m.complexity}/5`, 'grey') : null,
          m.contract_id ? chip(`${ctx.t('contract')} ${m.contract_id}`, 'grey') : null,
          mg && mg.fee !== null ? chip(`${ctx.t('fixed_fee')} ${f.money(mg.fee)}`, 'blue') : null,
          ...(mg?.flags ?? []).map((fl) => statusChip(ctx, 'flag_', fl)),
        ),
      ),
    );
    if (mg) {
      root.append(
        h(
          'div',
          { class: 'stat-row' },
          stat(ctx.t('col_revenue'), f.money(mg.revenue)),
          stat(ctx.t('col_direct_cost'), f.money(mg.direct_cost), { hint: `${ctx.t('col_hours')}${ctx.colon}${f.hours(mg.hours)}` }),
          stat(ctx.t('col_overhead'), f.money(mg.overhead)),
          stat(ctx.t('col_full_margin'), f.money(mg.full_margin), { tone: mg.full_margin < 0 ? 'red' : 'green' }),
          stat(ctx.t('col_full_margin_rate'), f.percent(mg.full_margin_rate), {
            tone: mg.flags.includes('loss') ? 'red' : mg.flags.includes('low_margin') || mg.flags.includes('eroding') ? 'amber' : 'green',
            hint: `${ctx.t('col_previous_full_margin_rate')}${ctx.colon}${f.percent(mg.previous_full_margin_rate)} (${f.points(mg.margin_rate_change)})`,
          }),
        ),
      );
      if (mg.fee !== null) {
        root.append(
          h(
            'div',
            { class: 'stat-row', 'data-testid': 'mission-fee' },
            stat(ctx.t('col_fee'), f.money(mg.fee), { hint: `${f.date(m.start_date)} → ${f.date(m.end_date)}` }),
            stat(ctx.t('earned_revenue'), f.money(mg.earned_revenue), { hint: ctx.t('earned_hint'), testid: 'mission-earned-revenue' }),
            billingGapStat(ctx, mg.billing_gap, 'mission-billing-gap'),
            stat(ctx.t('col_earned_full_margin'), f.money(mg.earned_full_margin), { tone: mg.earned_full_margin < 0 ? 'red' : 'green', testid: 'mission-earned-margin' }),
            stat(ctx.t('col_earned_full_margin_rate'), f.percent(mg.earned_full_margin_rate), { tone: mg.earned_full_margin_rate !== null && mg.earned_full_margin_rate < 0 ? 'red' : 'green' }),
          ),
        );
      }
    } else {
      root.append(empty(ctx.t('not_listed')));
    }
    const monthly = chartBox('chart chart-lg');
    const costs = chartBox('chart chart-md');
    const costTotal = mg ? ACTIVITIES.reduce((s, a) => s + mg.cost_by_activity[a], 0) + mg.expenses : 0;
    root.append(
      h(
        'div',
        { class: 'grid-12' },
        panel(ctx.t('monthly'), d.monthly.length ? monthly : empty(ctx.t('empty')), { cls: 'span-7' }),
        panel(ctx.t('cost_breakdown'), costTotal > 0 ? costs : empty(ctx.t('empty')), { cls: 'span-5' }),
        priceCalculator(ctx, m.mission_id),
        panel(ctx.t('client_objectives'), objectiveList(ctx, d.objectives, { showMission: false }), { cls: 'span-12' }),
      ),
    );
    if (d.monthly.length) {
      const pts = d.monthly;
      renderChart(monthly, {
        grid: { left: 64, right: 56, top: 40, bottom: 40 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: pts.map((p) => f.month(p.month)), name: ctx.t('col_month'), nameLocation: 'middle', nameGap: 28 },
        yAxis: [
          { type: 'value', name: ctx.t('revenue_axis'), axisLabel: { formatter: (v: number) => f.moneyShort(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
          { type: 'value', name: ctx.t('rate_axis'), axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { show: false } },
        ],
        series: [
          { name: ctx.t('col_revenue'), type: 'bar', barMaxWidth: 18, itemStyle: { color: COLORS.blue }, data: pts.map((p) => p.revenue), tooltip: { valueFormatter: (v: number) => f.money(v) } },
          { name: ctx.t('col_full_cost'), type: 'bar', barMaxWidth: 18, itemStyle: { color: COLORS.slateLight }, data: pts.map((p) => p.full_cost), tooltip: { valueFormatter: (v: number) => f.money(v) } },
          { name: ctx.t('col_full_margin_rate'), type: 'line', yAxisIndex: 1, connectNulls: true, itemStyle: { color: COLORS.amber }, data: pts.map((p) => p.full_margin_rate), tooltip: { valueFormatter: (v: number | null) => f.percent(v) } },
        ],
      });
    }
    if (mg && costTotal > 0) {
      const data = [
        ...ACTIVITIES.map((a, i) => ({ name: ctx.tk(`act_${a}`), value: mg.cost_by_activity[a], itemStyle: { color: ACTIVITY_COLORS[i] } })),
        ...EXPENSE_CATEGORIES.map((c, i) => ({ name: `${ctx.t('expenses_series')} · ${ctx.tk(`cat_${c}`)}`, value: mg.expenses_by_category[c], itemStyle: { color: ['#f59e0b', '#fbbf24', '#b45309', '#fde68a'][i] } })),
      ].filter((x) => x.value > 0);
      renderChart(costs, {
        tooltip: { trigger: 'item', valueFormatter: (v: number) => f.money(v) },
        legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['45%', '72%'], center: ['50%', '44%'], itemStyle: { borderColor: '#fff', borderWidth: 2 }, label: { formatter: (p: { name: string; percent: number }) => `${p.name}\n${f.percent(p.percent / 100)}`, color: COLORS.slate, lineHeight: 16 }, data }],
      });
    }
  });
}
