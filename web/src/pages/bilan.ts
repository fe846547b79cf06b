// The brand review (bilan semestriel, SPEC §5): what the agency's field work
// changed on the shelf and in sales, for one brand, in the form a brand
// manager reads in ten seconds — the headline figures first, then the
// before/after of worked stores against the others, then the detail.
// Without a brand in the URL the page is a brand picker.

import { api, apiUrl } from '../api';
import type { BrandListing, Review, ReviewStore } from '../types';
import { session } from '../session';
import { VISIT_ACTIONS } from '../types';
import { COLORS, renderChart } from '../ui/charts';
import { chartBox, chip, delta, empty, panel, stat, statusChip, table, type Column } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto, optional, previousReportParams } from '../ui/load';
import { objectiveList } from '../ui/objectives';
import { filterStores, sortChains, storeFilterOf } from '../bilan-filter';

/** A file download link of the review (PDF or XLSX) for the current view. */
function downloadLink(ctx: Ctx, id: string, kind: 'pdf' | 'xlsx'): HTMLElement {
  const href = apiUrl(`/clients/${encodeURIComponent(id)}/review.${kind}`, { ...ctx.apiParams, lang: ctx.state.lang });
  return h('a', { class: kind === 'pdf' ? 'btn btn-primary' : 'btn', href, download: '', 'data-testid': `review-${kind}` }, ctx.t(kind === 'pdf' ? 'download_pdf' : 'download_xlsx'));
}

function brandPicker(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadInto(ctx, root, () => api.brands(ctx.apiParams), (brands: BrandListing) => {
    // A brand account with one brand goes straight to its review.
    const only = brands.brands.length === 1 ? brands.brands[0] : undefined;
    if (only && session()?.role === 'brand') {
      ctx.navigate('bilan', only.client_id);
      return;
    }
    root.append(h('div', { class: 'page-head' }, h('h1', null, ctx.t('nav_bilan')), h('p', { class: 'muted' }, ctx.t('bilan_pick'))));
    const cols: Column<BrandListing['brands'][number]>[] = [
      { key: 'client_id', label: ctx.t('col_client_id'), cls: 'strong' },
      { key: 'name', label: ctx.t('col_name') },
      { key: 'audits', label: ctx.t('col_audits'), numeric: true, render: (b) => ctx.fmt.integer(b.audits) },
      { key: 'visits', label: ctx.t('col_visits'), numeric: true, render: (b) => ctx.fmt.integer(b.visits) },
      { key: 'sales_rows', label: ctx.t('col_sales_rows'), numeric: true, render: (b) => ctx.fmt.integer(b.sales_rows) },
    ];
    root.append(panel(ctx.t('bilan_brands'), table(ctx, brands.brands, cols, { rowHref: (b) => ctx.href('bilan', b.client_id), testid: 'bilan-brands', emptyText: ctx.t('bilan_no_brands') })));
  });
}

function headline(ctx: Ctx, r: Review): HTMLElement {
  const f = ctx.fmt;
  const { shelf, impact, sales, actions } = r;
  return h(
    'div',
    { class: 'stat-row' },
    stat(ctx.t('bilan_dn'), f.percent(shelf.current.dn), {
      hint: `${f.points(shelf.dn_change)} ${ctx.t('vs_previous_half')} · ${f.integer(shelf.current.present)} / ${f.integer(shelf.current.stores)} ${ctx.t('stores')}`,
      tone: shelf.dn_change !== null && shelf.dn_change < 0 ? 'red' : 'green',
      testid: 'bilan-dn',
    }),
    stat(ctx.t('bilan_lift'), f.points(impact.dn_lift), {
      hint: ctx.t('bilan_lift_hint', { worked: f.points(impact.worked.dn_change), control: f.points(impact.control.dn_change) }),
      tone: impact.dn_lift !== null && impact.dn_lift < 0 ? 'red' : 'green',
      testid: 'bilan-lift',
    }),
    stat(ctx.t('bilan_sales'), f.money(sales.sales), { hint: `${f.change(sales.change_rate)} ${ctx.t('vs_previous_half')}`, testid: 'bilan-sales' }),
    stat(ctx.t('bilan_facings'), f.integer(shelf.current.facings), { hint: `${f.number(shelf.current.facings_per_present_store, 1)} ${ctx.t('bilan_per_present_store')}` }),
    stat(ctx.t('bilan_visits'), f.integer(actions.visits), { hint: `${f.integer(actions.worked_stores)} ${ctx.t('bilan_worked_stores')}` }),
  );
}

/** Worked stores against the others of the panel: DN before and after, with the lift. */
function impactChart(ctx: Ctx, el: HTMLElement, r: Review): void {
  const f = ctx.fmt;
  const groups = [
    { name: ctx.t('bilan_worked'), part: r.impact.worked, color: COLORS.blue },
    { name: ctx.t('bilan_control'), part: r.impact.control, color: COLORS.slateLight },
  ];
  renderChart(el, {
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    legend: { top: 0, data: [ctx.t('bilan_before'), ctx.t('bilan_after')] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.percent(v) },
    xAxis: { type: 'category', data: groups.map((g) => `${g.name} (${f.integer(g.part.stores)})`), axisTick: { show: false } },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [
      { name: ctx.t('bilan_before'), type: 'bar', barMaxWidth: 36, itemStyle: { color: COLORS.slateLight, borderRadius: [3, 3, 0, 0] }, data: groups.map((g) => g.part.dn_start), label: { show: true, position: 'top', formatter: (p: { value: number | null }) => f.percent(p.value) } },
      { name: ctx.t('bilan_after'), type: 'bar', barMaxWidth: 36, itemStyle: { color: COLORS.blue, borderRadius: [3, 3, 0, 0] }, data: groups.map((g) => g.part.dn_end), label: { show: true, position: 'top', formatter: (p: { value: number | null }) => f.percent(p.value) } },
    ],
  });
}

/** DN month by month in the period against the same months of the previous half. */
function dnChart(ctx: Ctx, el: HTMLElement, r: Review, previous: Review | null): void {
  const f = ctx.fmt;
  const months = r.dn_by_month.map((m) => f.month(m.month));
  const series = [{ name: ctx.t('bilan_current'), type: 'line', smooth: false, symbolSize: 7, lineStyle: { width: 3, color: COLORS.blue }, itemStyle: { color: COLORS.blue }, data: r.dn_by_month.map((m) => m.dn) }];
  if (previous) {
    series.push({ name: ctx.t('bilan_previous'), type: 'line', smooth: false, symbolSize: 5, lineStyle: { width: 2, color: COLORS.slateLight }, itemStyle: { color: COLORS.slateLight }, data: previous.dn_by_month.slice(0, months.length).map((m) => m.dn) });
  }
  renderChart(el, {
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.percent(v) },
    xAxis: { type: 'category', data: months, axisTick: { show: false } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series,
  });
}

function chainChart(ctx: Ctx, el: HTMLElement, r: Review): void {
  const f = ctx.fmt;
  const rows = r.by_chain.slice().reverse();
  renderChart(el, {
    grid: { left: 120, right: 56, top: 28, bottom: 24 },
    legend: { top: 0, data: [ctx.t('bilan_previous'), ctx.t('bilan_current')] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.percent(v) },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => f.percent(v, 0) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', data: rows.map((c) => c.chain ?? ctx.t('bilan_no_chain')), axisTick: { show: false } },
    series: [
      { name: ctx.t('bilan_previous'), type: 'bar', barMaxWidth: 12, itemStyle: { color: COLORS.slateLight }, data: rows.map((c) => c.dn_previous) },
      { name: ctx.t('bilan_current'), type: 'bar', barMaxWidth: 12, itemStyle: { color: COLORS.blue }, data: rows.map((c) => c.dn), label: { show: true, position: 'right', color: COLORS.slate, formatter: (p: { value: number | null }) => f.percent(p.value, 0) } },
    ],
  });
}

function salesChart(ctx: Ctx, el: HTMLElement, r: Review): void {
  const f = ctx.fmt;
  renderChart(el, {
    grid: { left: 64, right: 24, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.money(v) },
    xAxis: { type: 'category', data: r.sales_by_month.map((m) => f.month(m.month)), axisTick: { show: false } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.moneyShort(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [{ type: 'bar', barMaxWidth: 28, data: r.sales_by_month.map((m) => ({ value: m.sales, itemStyle: { color: m.sales < 0 ? COLORS.red : COLORS.blueMid, borderRadius: 3 } })) }],
  });
}

function actionsChart(ctx: Ctx, el: HTMLElement, r: Review): void {
  const rows = VISIT_ACTIONS.slice().reverse();
  renderChart(el, {
    grid: { left: 110, right: 40, top: 8, bottom: 24 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', data: rows.map((a) => ctx.tk(`act_${a}`)), axisTick: { show: false } },
    series: [{ type: 'bar', barMaxWidth: 16, itemStyle: { color: COLORS.blueMid, borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', color: COLORS.slate }, data: rows.map((a) => r.actions.by_action[a]) }],
  });
}

/** Sell-out of worked stores against the other tracked ones. */
function salesCompare(ctx: Ctx, r: Review): HTMLElement {
  const f = ctx.fmt;
  const part = (label: string, p: Review['sales']['worked']) =>
    h('tr', null, h('th', { scope: 'row' }, `${label} (${f.integer(p.stores)})`), h('td', { class: 'num' }, f.money(p.sales_previous)), h('td', { class: 'num' }, f.money(p.sales)), h('td', { class: 'num' }, delta(f.change(p.change_rate), p.change_rate)));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', 'data-testid': 'bilan-sales-compare' },
      h('thead', null, h('tr', null, h('th', null, ''), h('th', { class: 'num' }, ctx.t('bilan_previous')), h('th', { class: 'num' }, ctx.t('bilan_current')), h('th', { class: 'num' }, ctx.t('bilan_change')))),
      h('tbody', null, part(ctx.t('bilan_worked'), r.sales.worked), part(ctx.t('bilan_control'), r.sales.control)),
    ),
    h('p', { class: 'small muted' }, `${ctx.t('bilan_sales_lift')}${ctx.colon}`, h('b', null, f.points(r.sales.lift)), ` · ${ctx.t('bilan_all_stores')}${ctx.colon}${f.money(r.sales.all_stores.sales)}`),
  );
}

function storeTable(ctx: Ctx, r: Review): HTMLElement {
  const f = ctx.fmt;
  const filter = storeFilterOf(ctx.state.params);
  const chains = sortChains(r.stores);
  const presence = (v: number | null) => (v === null ? '—' : v === 1 ? chip(ctx.t('bilan_present'), 'green') : chip(ctx.t('bilan_absent'), 'red'));
  const cols: Column<ReviewStore>[] = [
    { key: 'store_id', label: ctx.t('col_store_id'), cls: 'strong' },
    { key: 'name', label: ctx.t('col_name') },
    { key: 'chain', label: ctx.t('col_chain'), render: (s) => s.chain ?? '—' },
    { key: 'region', label: ctx.t('col_region'), render: (s) => s.region ?? '—' },
    { key: 'worked', label: ctx.t('bilan_worked'), render: (s) => (s.worked ? chip(ctx.t('yes'), 'blue') : s.tracked ? chip(ctx.t('no'), 'grey') : '—') },
    { key: 'visits', label: ctx.t('col_visits'), numeric: true, render: (s) => f.integer(s.visits) },
    { key: 'present_previous', label: ctx.t('bilan_before'), render: (s) => presence(s.present_previous) },
    { key: 'present', label: ctx.t('bilan_after'), render: (s) => presence(s.present) },
    { key: 'facings', label: ctx.t('bilan_facings'), numeric: true, render: (s) => (s.facings === null ? '—' : `${f.integer(s.facings_previous)} → ${f.integer(s.facings)}`) },
    { key: 'sales', label: ctx.t('bilan_sales'), numeric: true, render: (s) => f.money(s.sales) },
    { key: 'sales_previous', label: ctx.t('bilan_sales_previous'), numeric: true, render: (s) => f.money(s.sales_previous) },
  ];
  const chainSelect = h(
    'select',
    {
      class: 'select',
      id: 'filter-chain',
      'aria-label': ctx.t('col_chain'),
      onchange: (e: Event) => {
        const index = Number((e.target as HTMLSelectElement).value);
        const chain = index >= 0 ? chains[index] : undefined;
        ctx.setParams({ chain: chain ?? undefined, nochain: chain === null ? '1' : undefined });
      },
    },
    h('option', { value: '-1' }, ctx.t('bilan_all_chains')),
    chains.map((c, i) => h('option', { value: String(i), selected: c === filter.chain }, c === null ? ctx.t('bilan_no_chain') : c)),
  );
  const workedSelect = h(
    'select',
    { class: 'select', id: 'filter-worked', 'aria-label': ctx.t('bilan_worked'), onchange: (e: Event) => ctx.setParams({ worked: (e.target as HTMLSelectElement).value || undefined }) },
    h('option', { value: '' }, ctx.t('bilan_all_stores_filter')),
    h('option', { value: 'yes', selected: filter.worked === 'yes' }, ctx.t('bilan_worked')),
    h('option', { value: 'no', selected: filter.worked === 'no' }, ctx.t('bilan_not_worked')),
  );
  const shown = filterStores(r.stores, filter);
  return panel(ctx.t('bilan_stores'), table(ctx, shown, cols, { paramName: 'ssort', testid: 'bilan-stores' }), {
    cls: 'span-12',
    actions: h('div', { class: 'filters' }, chainSelect, workedSelect),
    sub: `${f.integer(shown.length)} / ${f.integer(r.stores.length)}`,
  });
}

function contractTable(ctx: Ctx, r: Review): HTMLElement {
  const f = ctx.fmt;
  const cols: Column<Review['contracts'][number]>[] = [
    { key: 'contract_id', label: ctx.t('col_contract_id'), cls: 'strong' },
    { key: 'start_date', label: ctx.t('col_start_date'), render: (c) => f.date(c.start_date) },
    { key: 'end_date', label: ctx.t('col_end_date'), render: (c) => f.date(c.end_date) },
    { key: 'renewal_of', label: ctx.t('col_renewal_of'), render: (c) => c.renewal_of ?? '—' },
    { key: 'renewal_type', label: ctx.t('col_renewal_type'), render: (c) => (c.renewal_type ? statusChip(ctx, 'status_', c.renewal_type) : '—') },
  ];
  return table(ctx, r.contracts, cols, { paramName: 'csort', testid: 'bilan-contracts' });
}

function renderReview(ctx: Ctx, root: HTMLElement, r: Review, previous: Review | null): void {
  const f = ctx.fmt;
  const id = r.client.client_id;
  root.append(
    h(
      'div',
      { class: 'page-head' },
      h('a', { class: 'back', href: ctx.href('client', id) }, `← ${r.client.name}`),
      h('h1', { 'data-testid': 'bilan-brand' }, `${ctx.t('nav_bilan')} · ${r.client.name}`, h('span', { class: 'muted id' }, id)),
      h(
        'div',
        { class: 'page-tags' },
        r.recurrence_status ? statusChip(ctx, 'status_', r.recurrence_status) : null,
        h('a', { class: 'small', href: ctx.href('bilan') }, ctx.t('bilan_other_brand')),
      ),
      h('div', { class: 'page-actions' }, downloadLink(ctx, id, 'pdf'), downloadLink(ctx, id, 'xlsx')),
    ),
    headline(ctx, r),
  );
  const impact = chartBox('chart chart-md');
  const dn = chartBox('chart chart-md');
  const chains = chartBox('chart chart-md');
  const sales = chartBox('chart chart-md');
  const acts = chartBox('chart chart-md');
  const panelOf = r.shelf.panel;
  root.append(
    h(
      'div',
      { class: 'grid-12' },
      panel(ctx.t('bilan_impact'), r.impact.worked.stores + r.impact.control.stores ? impact : empty(ctx.t('bilan_no_panel')), {
        cls: 'span-6',
        sub: ctx.t('bilan_impact_sub', { lift: f.points(r.impact.dn_lift), stores: f.integer(panelOf.stores), start: f.percent(panelOf.dn_start), end: f.percent(panelOf.dn_end) }),
      }),
      panel(ctx.t('bilan_dn_by_month'), r.dn_by_month.length ? dn : empty(ctx.t('empty')), { cls: 'span-6' }),
      panel(ctx.t('bilan_by_chain'), r.by_chain.length ? chains : empty(ctx.t('empty')), { cls: 'span-6' }),
      panel(ctx.t('bilan_actions'), r.actions.visits ? acts : empty(ctx.t('empty')), { cls: 'span-6', sub: `${f.integer(r.actions.visits)} ${ctx.t('visits').toLowerCase()} · ${f.integer(r.actions.stores_visited)} ${ctx.t('stores')}` }),
      panel(ctx.t('bilan_sales_by_month'), r.sales_by_month.length ? sales : empty(ctx.t('empty')), { cls: 'span-7' }),
      panel(ctx.t('bilan_sales_worked'), salesCompare(ctx, r), { cls: 'span-5' }),
      storeTable(ctx, r),
      panel(ctx.t('client_objectives'), objectiveList(ctx, r.objectives.items, { showClient: false }), { cls: 'span-7' }),
      panel(ctx.t('contracts'), contractTable(ctx, r), { cls: 'span-5' }),
    ),
  );
  if (r.impact.worked.stores + r.impact.control.stores) impactChart(ctx, impact, r);
  if (r.dn_by_month.length) dnChart(ctx, dn, r, previous);
  if (r.by_chain.length) chainChart(ctx, chains, r);
  if (r.actions.visits) actionsChart(ctx, acts, r);
  if (r.sales_by_month.length) salesChart(ctx, sales, r);
}

export function renderBilan(ctx: Ctx, root: HTMLElement): Promise<void> {
  const id = ctx.state.id;
  if (!id) return brandPicker(ctx, root);
  return loadInto(
    ctx,
    root,
    () => Promise.all([api.review(id, ctx.apiParams), optional(api.review(id, previousReportParams(ctx)))]),
    ([review, previous]) => renderReview(ctx, root, review, previous),
  );
}
