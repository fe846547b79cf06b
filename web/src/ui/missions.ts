// The mission margin pieces the margin, client and mission pages share: the
// colour of a mission's flags, the columns of the mission table, and the
// fixed-fee figures (SPEC 6.2) with the billing gap in words.

import { billingGapKind, billingGapText } from '../fees';
import type { MarginFlag, MissionMargin } from '../types';
import type { ListFilter } from './list-view';
import { clientFilter, valueFilter } from './list-filters';
import { COLORS } from './charts';
import { chip, stat, statusChip, type Column, type Tone } from './components';
import type { Ctx } from './context';
import { h } from './dom';

/** Red for a loss or unbilled work, amber for a thin or eroding margin, green otherwise (the server's flags). */
export function missionTone(m: MissionMargin): string {
  if (m.flags.includes('loss') || m.flags.includes('unbilled')) return COLORS.red;
  if (m.flags.includes('low_margin') || m.flags.includes('eroding')) return COLORS.amber;
  return COLORS.green;
}

/** Worst first by euro impact: the largest full-margin losses at the top. */
export const MISSION_TRIAGE_SORT = 'full_margin';

const FLAGS: MarginFlag[] = ['loss', 'unbilled', 'low_margin', 'eroding'];

/** The mission lists' filters: a flag, the mission type, and the client (by name, from the missions' own lines). */
export function missionFilters(ctx: Ctx, missions: MissionMargin[]): ListFilter[] {
  return [
    { key: 'flags', label: ctx.t('col_flags'), options: FLAGS.map((fl) => ({ value: fl, label: ctx.tk(`flag_${fl}`) })) },
    valueFilter('type', ctx.t('col_type'), missions.map((m) => m.type)),
    clientFilter(ctx, missions),
  ];
}

export function missionColumns(ctx: Ctx): Column<MissionMargin>[] {
  const f = ctx.fmt;
  const neg = (v: number | null, text: string) => h('span', { class: v !== null && v < 0 ? 'neg' : '' }, text);
  return [
    { key: 'mission_id', label: ctx.t('col_mission_id') },
    { key: 'name', label: ctx.t('col_name'), render: (m) => h('a', { href: ctx.href('mission', m.mission_id) }, m.name), cls: 'strong' },
    { key: 'client_id', label: ctx.t('col_client_id'), render: (m) => h('a', { href: ctx.href('client', m.client_id), title: m.client_id }, m.client_name) },
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

const GAP_TONES: Record<ReturnType<typeof billingGapKind>, Tone> = { ahead: 'blue', behind: 'amber', even: 'grey' };

/** The billing gap in words, as a chip: amber when work waits to be invoiced. */
export function billingGapChip(ctx: Ctx, gap: number): HTMLElement {
  return chip(billingGapText(ctx.state.lang, gap, ctx.fmt.money), GAP_TONES[billingGapKind(gap)]);
}

/** The billing gap in words as a headline figure (a mission page). */
export function billingGapStat(ctx: Ctx, gap: number, testid?: string): HTMLElement {
  const el = stat(ctx.t('col_billing_gap'), billingGapText(ctx.state.lang, gap, ctx.fmt.money), { tone: GAP_TONES[billingGapKind(gap)], testid });
  el.classList.add('stat-words');
  return el;
}

/** The columns of the fixed-fee missions: fee, invoiced and earned revenue, the gap, the earned margin. */
export function feeColumns(ctx: Ctx): Column<MissionMargin>[] {
  const f = ctx.fmt;
  const neg = (v: number | null, text: string) => h('span', { class: v !== null && v < 0 ? 'neg' : '' }, text);
  const base = missionColumns(ctx).filter((c) => ['mission_id', 'name', 'client_id'].includes(c.key));
  return [
    ...base,
    { key: 'fee', label: ctx.t('col_fee'), numeric: true, render: (m) => f.money(m.fee) },
    { key: 'revenue', label: ctx.t('col_revenue'), numeric: true, render: (m) => f.money(m.revenue) },
    { key: 'earned_revenue', label: ctx.t('col_earned_revenue'), numeric: true, render: (m) => f.money(m.earned_revenue) },
    { key: 'billing_gap', label: ctx.t('col_billing_gap'), numeric: true, render: (m) => billingGapChip(ctx, m.billing_gap) },
    { key: 'full_cost', label: ctx.t('col_full_cost'), numeric: true, render: (m) => f.money(m.full_cost) },
    { key: 'earned_full_margin', label: ctx.t('col_earned_full_margin'), numeric: true, render: (m) => neg(m.earned_full_margin, f.money(m.earned_full_margin)) },
    { key: 'earned_full_margin_rate', label: ctx.t('col_earned_full_margin_rate'), numeric: true, render: (m) => neg(m.earned_full_margin_rate, f.percent(m.earned_full_margin_rate)) },
  ];
}
