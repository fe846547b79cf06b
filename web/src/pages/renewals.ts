// Renewals (risque de non-renouvellement, SPEC 6.3): the signed contracts
// not renewed yet that end within the horizon, or ended and still pending,
// soonest first, each with its level and the signals that hold, in words.

import { api } from '../api';
import { daysLeftText, HORIZON_CHOICES, horizonOf, horizonParam, levelText, signalText } from '../renewal';
import type { RenewalContract, RenewalLevel, Report, Rules } from '../types';
import { chip, panel, stat, type Column, type Tone } from '../ui/components';
import { listView } from '../ui/list-view';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadWithRules } from '../ui/load';

const LEVEL_TONES: Record<RenewalLevel, Tone> = { high: 'red', medium: 'amber', low: 'grey' };
const LEVELS: RenewalLevel[] = ['high', 'medium', 'low'];
/** SPEC order: the soonest end first (ties by contract). */
const RENEWALS_TRIAGE_SORT = 'days_left';

function levelFilter(ctx: Ctx) {
  return { key: 'level', label: ctx.t('col_level'), options: LEVELS.map((l) => ({ value: l, label: levelText(ctx.state.lang, l) })) };
}

function columns(ctx: Ctx, rules: Rules): Column<RenewalContract>[] {
  const lang = ctx.state.lang;
  return [
    { key: 'level', label: ctx.t('col_level'), sortable: false, render: (c) => h('span', { 'data-level': c.level }, chip(levelText(lang, c.level), LEVEL_TONES[c.level])) },
    { key: 'name', label: ctx.t('col_client_id'), render: (c) => h('a', { href: ctx.href('client', c.client_id) }, c.name), cls: 'strong' },
    { key: 'contract_id', label: ctx.t('col_contract_id') },
    { key: 'end_date', label: ctx.t('col_end_date'), render: (c) => ctx.fmt.date(c.end_date) },
    { key: 'days_left', label: ctx.t('col_days_left'), numeric: true, render: (c) => h('span', { class: c.days_left < 0 ? 'neg' : '' }, daysLeftText(lang, c.days_left)) },
    {
      key: 'signals',
      label: ctx.t('col_signals'),
      sortable: false,
      cls: 'wrap',
      render: (c) => h('span', { class: 'signals' }, c.signals.length ? c.signals.map((s) => chip(signalText(lang, s, rules), c.level === 'low' ? 'grey' : 'amber')) : h('span', { class: 'muted' }, ctx.t('signals_none'))),
    },
    { key: 'risk', label: ctx.t('col_risk'), numeric: true, render: (c) => ctx.fmt.integer(c.risk) },
  ];
}

/** Horizon choices as a segmented control; a horizon from a shared link that is not among them shows too. */
function horizonPicker(ctx: Ctx, current: number): HTMLElement {
  const choices: number[] = [...HORIZON_CHOICES];
  if (!choices.includes(current)) choices.push(current);
  choices.sort((a, b) => a - b);
  return h(
    'div',
    { class: 'field-inline' },
    h('span', null, ctx.t('renewals_horizon')),
    h(
      'div',
      { class: 'segmented', role: 'group', 'aria-label': ctx.t('renewals_horizon'), 'data-testid': 'horizon' },
      choices.map((d) =>
        h('button', { type: 'button', class: d === current ? 'active' : '', 'aria-pressed': String(d === current), 'data-days': d, onclick: () => ctx.setParams({ horizon_days: horizonParam(d) }) }, ctx.t('renewals_days', { n: d })),
      ),
    ),
  );
}

export function renderRenewals(ctx: Ctx, root: HTMLElement): Promise<void> {
  const horizon = horizonOf(ctx.state.params);
  return loadWithRules(ctx, root, () => api.report({ ...ctx.apiParams, horizon_days: String(horizon) }), (report: Report, rules) => {
    const contracts = report.renewal_risk.contracts;
    const count = (level: RenewalLevel) => contracts.filter((c) => c.level === level).length;
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, ctx.t('renewals_title')), h('p', { class: 'muted' }, ctx.t('renewals_help'))),
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('renewals_count'), ctx.fmt.integer(contracts.length), { testid: 'renewals-count' }),
        ...LEVELS.map((l) => stat(levelText(ctx.state.lang, l), ctx.fmt.integer(count(l)), { tone: l === 'high' ? 'red' : l === 'medium' ? 'amber' : undefined, testid: `renewals-${l}` })),
      ),
      panel(
        ctx.t('renewals_title'),
        listView<RenewalContract>(ctx, { section: 'renewals', base: { ...ctx.apiParams, horizon_days: String(horizon) }, columns: columns(ctx, rules), defaultSort: RENEWALS_TRIAGE_SORT, filters: [levelFilter(ctx)], rowHref: (c) => ctx.href('client', c.client_id), testid: 'renewals-table', emptyText: ctx.t('renewals_none', { n: horizon }) }),
        { actions: horizonPicker(ctx, horizon) },
      ),
    );
  });
}
