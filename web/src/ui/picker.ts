// The header's period picker (month, quarter, half, year, custom range) and
// as-of date. It reads the state and reports a new period or as-of.

import { customPeriod, namedPeriod, parsePeriod, periodHolding, shiftPeriod, type Period, type PeriodKind } from '../period';
import { h, icon, ICONS } from './dom';
import type { Ctx } from './context';

export interface PickerEvents {
  onPeriod(text: string): void;
  onAsOf(iso: string): void;
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'half', 'year', 'custom'];

function yearOptions(selected: number): HTMLOptionElement[] {
  const years: number[] = [];
  for (let y = selected - 6; y <= selected + 3; y++) years.push(y);
  return years.map((y) => h('option', { value: y, selected: y === selected }, String(y)));
}

export function periodPicker(ctx: Ctx, ev: PickerEvents): HTMLElement {
  const p = parsePeriod(ctx.state.period) as Period;
  const t = ctx.t;

  const kind = h(
    'select',
    { id: 'period-kind', 'aria-label': t('period'), class: 'select' },
    KINDS.map((k) => h('option', { value: k, selected: k === p.kind }, t(`kind_${k}`))),
  );
  kind.addEventListener('change', () => {
    const k = kind.value as PeriodKind;
    if (k === 'custom') ev.onPeriod(customPeriod(p.start, p.end).text);
    else ev.onPeriod(periodHolding(k, p.kind === 'custom' ? ctx.state.asOf : p.start).text);
  });

  const detail: HTMLElement[] = [];
  if (p.kind === 'custom') {
    const from = h('input', { id: 'period-from', type: 'date', value: p.start, 'aria-label': t('from'), class: 'input' });
    const to = h('input', { id: 'period-to', type: 'date', value: p.end, 'aria-label': t('to'), class: 'input' });
    const apply = () => {
      if (from.value && to.value && from.value <= to.value) ev.onPeriod(customPeriod(from.value, to.value).text);
    };
    from.addEventListener('change', apply);
    to.addEventListener('change', apply);
    detail.push(from, h('span', { class: 'muted' }, '→'), to);
  } else if (p.kind === 'month') {
    const month = h('input', { id: 'period-month', type: 'month', value: p.text, 'aria-label': t('kind_month'), class: 'input' });
    month.addEventListener('change', () => {
      const q = parsePeriod(month.value);
      if (q) ev.onPeriod(q.text);
    });
    detail.push(month);
  } else {
    const year = h('select', { id: 'period-year', 'aria-label': t('kind_year'), class: 'select' }, yearOptions(p.year));
    detail.push(year);
    let sub: HTMLSelectElement | null = null;
    if (p.kind === 'half' || p.kind === 'quarter') {
      const n = p.kind === 'half' ? 2 : 4;
      const letter = p.kind === 'half' ? (ctx.state.lang === 'fr' ? 'S' : 'H') : ctx.state.lang === 'fr' ? 'T' : 'Q';
      sub = h(
        'select',
        { id: 'period-sub', 'aria-label': t(p.kind === 'half' ? 'kind_half' : 'kind_quarter'), class: 'select' },
        Array.from({ length: n }, (_, i) => h('option', { value: i + 1, selected: i + 1 === p.index }, `${letter}${i + 1}`)),
      );
      detail.push(sub);
    }
    const apply = () => {
      const y = Number(year.value);
      if (p.kind === 'year') ev.onPeriod(namedPeriod('year', y).text);
      else ev.onPeriod(namedPeriod(p.kind as 'half' | 'quarter', y, Number(sub!.value)).text);
    };
    year.addEventListener('change', apply);
    sub?.addEventListener('change', apply);
  }

  const prev = h('button', { class: 'btn-icon', type: 'button', title: t('prev_period'), 'aria-label': t('prev_period'), onclick: () => ev.onPeriod(shiftPeriod(p, -1).text) }, icon(ICONS.left));
  const next = h('button', { class: 'btn-icon', type: 'button', title: t('next_period'), 'aria-label': t('next_period'), onclick: () => ev.onPeriod(shiftPeriod(p, 1).text) }, icon(ICONS.right));

  const asOf = h('input', { id: 'as-of', type: 'date', value: ctx.state.asOf, class: 'input', 'aria-label': t('as_of') });
  asOf.addEventListener('change', () => {
    if (asOf.value) ev.onAsOf(asOf.value);
  });

  return h(
    'div',
    { class: 'picker' },
    h('div', { class: 'field' }, h('label', { for: 'period-kind' }, t('period')), h('div', { class: 'field-row' }, prev, kind, ...detail, next)),
    h('div', { class: 'field' }, h('label', { for: 'as-of' }, t('as_of')), asOf),
  );
}
