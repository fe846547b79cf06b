// The mission margin pieces the margin and client pages share: the colour of
// a mission's flags and the columns of the mission table.

import type { MissionMargin } from '../types';
import { COLORS } from './charts';
import { statusChip, type Column } from './components';
import type { Ctx } from './context';
import { h } from './dom';

/** Red for a loss or unbilled work, amber for a thin or eroding margin, green otherwise (the server's flags). */
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
