// A client's page: its revenue line, recurrence status, missions,
// objectives, contracts and visits by action.

import { api } from '../api';
import { VISIT_ACTIONS, type ClientDetail, type Contract } from '../types';
import { COLORS, renderChart } from '../ui/charts';
import { chartBox, chip, empty, panel, stat, statusChip, STATUS_TONES, table, type Column } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';
import { missionColumns } from '../ui/missions';
import { objectiveList } from '../ui/objectives';

export function renderClient(ctx: Ctx, root: HTMLElement): Promise<void> {
  const id = ctx.state.id ?? '';
  return loadInto(ctx, root, () => api.client(id, ctx.apiParams), (d: ClientDetail) => {
    const f = ctx.fmt;
    const rv = d.revenue;
    root.append(
      h(
        'div',
        { class: 'page-head' },
        h('a', { class: 'back', href: ctx.href('revenue') }, `← ${ctx.t('nav_revenue')}`),
        h(
          'h1',
          { 'data-testid': 'client-name' },
          d.client.name,
          h('span', { class: 'muted id' }, d.client.client_id),
        ),
        h(
          'div',
          { class: 'page-tags' },
          d.client.sector ? chip(d.client.sector, 'grey') : null,
          rv ? chip(`${ctx.t('col_pareto_class')} ${rv.pareto_class}`, STATUS_TONES[rv.pareto_class]) : null,
          d.recurrence ? statusChip(ctx, 'status_', d.recurrence.status) : null,
        ),
        h('div', { class: 'page-actions' }, h('a', { class: 'btn', href: ctx.href('bilan', d.client.client_id), 'data-testid': 'client-bilan' }, ctx.t('nav_bilan'))),
      ),
    );
    if (rv) {
      root.append(
        h(
          'div',
          { class: 'stat-row' },
          stat(ctx.t('col_revenue'), f.money(rv.revenue), { hint: `${ctx.t('col_share')} ${f.percent(rv.share)}`, testid: 'client-revenue' }),
          stat(ctx.t('col_full_cost'), f.money(rv.full_cost)),
          stat(ctx.t('col_margin'), f.money(rv.margin), { tone: rv.margin < 0 ? 'red' : 'green' }),
          stat(ctx.t('col_roi'), f.percent(rv.roi, 0), { tone: rv.roi !== null && rv.roi < 0 ? 'red' : undefined }),
          stat(ctx.t('col_hours'), f.hours(rv.hours), { hint: `${f.money(rv.revenue_per_hour)} / h` }),
          stat(ctx.t('col_visits'), f.integer(rv.visits)),
          stat(ctx.t('col_index_vs_average'), f.number(rv.index_vs_average)),
        ),
      );
    } else {
      root.append(empty(ctx.t('not_listed')));
    }

    const visits = chartBox('chart chart-md');
    const totalVisits = VISIT_ACTIONS.reduce((s, a) => s + (d.visits_by_action[a] ?? 0), 0);
    const contractCols: Column<Contract>[] = [
      { key: 'contract_id', label: ctx.t('col_contract_id'), cls: 'strong' },
      { key: 'start_date', label: ctx.t('col_start_date'), render: (c) => f.date(c.start_date) },
      { key: 'end_date', label: ctx.t('col_end_date'), render: (c) => f.date(c.end_date) },
      { key: 'signed_on', label: ctx.t('col_signed_on'), render: (c) => f.date(c.signed_on) },
      { key: 'renewal_of', label: ctx.t('col_renewal_of'), render: (c) => c.renewal_of ?? '—' },
      { key: 'renewal_type', label: ctx.t('col_renewal_type'), render: (c) => (c.renewal_type ? statusChip(ctx, 'status_', c.renewal_type) : '—') },
      { key: 'renewed_by', label: ctx.t('col_renewed_by'), render: (c) => c.renewed_by ?? '—' },
    ];
    root.append(
      h(
        'div',
        { class: 'grid-12' },
        panel(ctx.t('client_missions'), table(ctx, d.missions, missionColumns(ctx).filter((c) => c.key !== 'client_id'), { rowHref: (m) => ctx.href('mission', m.mission_id), testid: 'client-missions' }), { cls: 'span-12' }),
        panel(ctx.t('client_objectives'), objectiveList(ctx, d.objectives, { showClient: false }), { cls: 'span-7' }),
        panel(ctx.t('visits_by_action'), totalVisits ? visits : empty(ctx.t('empty')), { cls: 'span-5' }),
        panel(ctx.t('contracts'), table(ctx, d.contracts, contractCols, { paramName: 'csort' }), { cls: 'span-12' }),
      ),
    );
    if (totalVisits) {
      renderChart(visits, {
        grid: { left: 110, right: 40, top: 8, bottom: 32 },
        tooltip: { trigger: 'item' },
        xAxis: { type: 'value', minInterval: 1, name: ctx.t('visits'), nameLocation: 'middle', nameGap: 22, splitLine: { lineStyle: { color: COLORS.grid } } },
        yAxis: { type: 'category', data: VISIT_ACTIONS.map((a) => ctx.tk(`act_${a}`)).reverse(), axisTick: { show: false } },
        series: [{ type: 'bar', barMaxWidth: 16, itemStyle: { color: COLORS.blueMid, borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', color: COLORS.slate }, data: VISIT_ACTIONS.map((a) => d.visits_by_action[a] ?? 0).reverse() }],
      });
    }
  });
}
