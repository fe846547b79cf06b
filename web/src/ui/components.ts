// Reusable pieces: panels, KPI cards, chips, sortable tables, progress bars,
// loading / error / empty states.

import { ApiError } from '../api';
import { parseSort, formatSort, sortRows, toggleSort } from '../sort';
import type { Ctx } from './context';
import { h, icon, ICONS, type Child } from './dom';
import type { MessageKey } from '../i18n';

export function panel(title: string, body: Child, opts: { cls?: string; actions?: Child; sub?: string } = {}): HTMLElement {
  return h(
    'section',
    { class: `panel ${opts.cls ?? ''}` },
    h('header', { class: 'panel-head' }, h('div', null, h('h2', null, title), opts.sub ? h('p', { class: 'panel-sub' }, opts.sub) : null), opts.actions ?? null),
    h('div', { class: 'panel-body' }, body),
  );
}

export function chartBox(cls = 'chart'): HTMLDivElement {
  return h('div', { class: cls });
}

/** A small figure: label above, value below. */
export function stat(label: string, value: string, opts: { hint?: string; tone?: string; testid?: string } = {}): HTMLElement {
  return h(
    'div',
    { class: `stat ${opts.tone ? `tone-${opts.tone}` : ''}`, 'data-testid': opts.testid },
    h('div', { class: 'stat-label' }, label),
    h('div', { class: 'stat-value', title: value }, value),
    opts.hint ? h('div', { class: 'stat-hint' }, opts.hint) : null,
  );
}

export type Tone = 'green' | 'amber' | 'red' | 'blue' | 'grey';

export const STATUS_TONES: Record<string, Tone> = {
  spontaneous: 'green',
  solicited: 'blue',
  pending: 'amber',
  lost: 'red',
  met: 'green',
  on_track: 'green',
  in_progress: 'blue',
  behind: 'red',
  missed: 'red',
  no_data: 'grey',
  not_started: 'grey',
  loss: 'red',
  low_margin: 'amber',
  eroding: 'amber',
  unbilled: 'red',
  A: 'blue',
  B: 'blue',
  C: 'grey',
};

export function chip(text: string, tone: Tone = 'grey', title?: string): HTMLElement {
  return h('span', { class: `chip chip-${tone}`, title }, text);
}

export function statusChip(ctx: Ctx, prefix: '' | 'objst_' | 'flag_' | 'status_', value: string): HTMLElement {
  return chip(ctx.tk(`${prefix}${value}`), STATUS_TONES[value] ?? 'grey');
}

export function loading(ctx: Ctx): HTMLElement {
  return h('div', { class: 'state state-loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner' }), ctx.t('loading'));
}

export function errorState(ctx: Ctx, err: unknown, retry?: () => void): HTMLElement {
  const message = err instanceof Error ? err.message : String(err);
  const extra = err instanceof ApiError ? [err.code, err.details?.parameter].filter(Boolean).join(' · ') : '';
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    icon(ICONS.alert, 'icon icon-lg'),
    h('div', null, h('strong', null, ctx.t('error_title')), h('p', { class: 'error-message' }, message), extra ? h('p', { class: 'muted small' }, extra) : null),
    retry ? h('button', { class: 'btn', onclick: () => retry() }, ctx.t('retry')) : null,
  );
}

export function empty(text: string): HTMLElement {
  return h('div', { class: 'state state-empty' }, icon(ICONS.info, 'icon icon-lg'), h('p', null, text));
}

export interface Column<T> {
  key: string;
  label: string;
  /** Cell content; defaults to the raw value. */
  render?: (row: T) => Child;
  numeric?: boolean;
  sortable?: boolean;
  cls?: string;
}

/** A numeric column of the figure `key`, labelled by the message col_KEY, each cell written by `format`. */
export function numberColumn<T extends object>(ctx: Ctx, key: keyof T & string, format: (value: number | null) => string): Column<T> {
  return { key, label: ctx.t(`col_${key}` as MessageKey), numeric: true, render: (row) => format(row[key] as number | null) };
}

/**
 * A sortable table. The sort lives in the URL parameter `paramName` so a
 * shared link keeps it (`defaultSort` when it has none). `rowHref` makes a
 * row a link (client, mission); `rowClass` adds a class to a row.
 */
export function table<T extends object>(
  ctx: Ctx,
  rows: readonly T[],
  columns: Column<T>[],
  opts: { paramName?: string; rowHref?: (row: T) => string | null; testid?: string; emptyText?: string; defaultSort?: string; rowClass?: (row: T) => string } = {},
): HTMLElement {
  if (rows.length === 0) return empty(opts.emptyText ?? ctx.t('empty'));
  const paramName = opts.paramName ?? 'sort';
  const spec = parseSort(ctx.state.params[paramName] ?? opts.defaultSort);
  const sorted = sortRows(rows, spec && columns.some((c) => c.key === spec.key) ? spec : null);
  const head = h(
    'tr',
    null,
    columns.map((c) => {
      const sortable = c.sortable !== false;
      const active = spec?.key === c.key;
      const aria = active ? (spec!.desc ? 'descending' : 'ascending') : 'none';
      const label = h('span', null, c.label);
      const inner = sortable
        ? h(
            'button',
            {
              class: 'th-sort',
              type: 'button',
              onclick: () => ctx.setParams({ [paramName]: formatSort(toggleSort(spec, c.key, !!c.numeric)) || undefined }),
            },
            label,
            active ? icon(spec!.desc ? ICONS.down : ICONS.up, 'icon icon-sm') : null,
          )
        : label;
      return h('th', { class: `${c.numeric ? 'num' : ''} ${c.cls ?? ''}`, 'aria-sort': sortable ? aria : null, scope: 'col' }, inner);
    }),
  );
  const body = sorted.map((row) => tableRow(row, columns, opts));
  return h('div', { class: 'table-wrap', 'data-testid': opts.testid }, h('table', { class: 'data' }, h('thead', null, head), h('tbody', null, body)));
}

/** One row of a table: its cells, and when `rowHref` gives one, a link by click or Enter. */
export function tableRow<T extends object>(row: T, columns: Column<T>[], opts: { rowHref?: (row: T) => string | null; rowClass?: (row: T) => string }): HTMLTableRowElement {
  const href = opts.rowHref?.(row) ?? null;
  const tr = h(
    'tr',
    { class: `${href ? 'row-link' : ''} ${opts.rowClass?.(row) ?? ''}`.trim(), tabindex: href ? 0 : null, 'data-href': href },
    columns.map((c) => {
      const v = c.render ? c.render(row) : ((row as Record<string, unknown>)[c.key] as Child);
      return h('td', { class: `${c.numeric ? 'num' : ''} ${c.cls ?? ''}` }, v ?? '—');
    }),
  );
  if (href) {
    tr.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a')) return;
      location.hash = href;
    });
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') location.hash = href;
    });
  }
  return tr;
}

/** A link to a client or mission page. */
export function entityLink(ctx: Ctx, kind: 'client' | 'mission', id: string, label?: string): HTMLElement {
  return h('a', { href: ctx.href(kind, id), class: 'entity' }, label ?? id);
}

/**
 * Progress of an objective: the bar fills to the attainment (capped at 100 %),
 * a marker shows the elapsed share of time, a ghost bar the projection.
 */
export function progressBar(
  ctx: Ctx,
  o: { attainment: number | null; elapsed: number; projected_attainment: number | null; status: string },
): HTMLElement {
  const pct = (v: number) => `${Math.max(0, Math.min(1, v)) * 100}%`;
  const tone = STATUS_TONES[o.status] ?? 'grey';
  return h(
    'div',
    {
      class: `progress tone-${tone}`,
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': o.attainment === null ? null : Math.round(o.attainment * 100),
      'aria-label': `${ctx.t('col_attainment')} ${ctx.fmt.percent(o.attainment)}`,
    },
    o.projected_attainment !== null ? h('div', { class: 'progress-projected', style: `width:${pct(o.projected_attainment)}` }) : null,
    h('div', { class: 'progress-fill', style: `width:${pct(o.attainment ?? 0)}` }),
    h('div', { class: 'progress-marker', style: `left:${pct(o.elapsed)}`, title: ctx.t('elapsed_marker', { elapsed: ctx.fmt.percent(o.elapsed, 0) }) }),
  );
}

/** Delta against the previous period, coloured by whether it is good news. */
export function delta(text: string, value: number | null, goodWhenUp = true): HTMLElement {
  if (value === null || !Number.isFinite(value) || Math.abs(value) < 1e-9) return h('span', { class: 'delta delta-flat' }, text);
  const up = value > 0;
  const good = up === goodWhenUp;
  return h('span', { class: `delta ${good ? 'delta-good' : 'delta-bad'}` }, icon(up ? ICONS.up : ICONS.down, 'icon icon-sm'), text);
}

export function tkey(prefix: string, value: string): MessageKey {
  return `${prefix}${value}` as MessageKey;
}
