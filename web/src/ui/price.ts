// The mission page's renewal price calculator (SPEC 6.4): a target margin and
// a change of scope in percent; the least a renewal should be sold for, per
// year, per visit and per hour, asked of GET /api/v1/missions/{id}/price as
// the inputs change (the latest answer wins). A refusal of the server (400)
// is shown beside the input it names. The inputs are kept in the URL.

import { api, ApiError } from '../api';
import type { MessageKey } from '../i18n';
import { effectiveDays, latestOnly, priceInputsOf, priceParams, priceQuery, type Outcome, type PriceInputs } from '../price';
import type { PriceQuote } from '../types';
import { panel, stat } from './components';
import type { Ctx } from './context';
import { clear, h } from './dom';

type Field = 'target_margin' | 'scope_change';

function quoteFigures(ctx: Ctx, q: PriceQuote): HTMLElement[] {
  const f = ctx.fmt;
  return [
    stat(ctx.t('price_minimum'), f.money(q.minimum_price), { tone: 'blue', hint: ctx.t('price_minimum_hint', { days: effectiveDays(q.period) }), testid: 'price-minimum' }),
    stat(ctx.t('price_annual'), f.money(q.annual_minimum_price), { testid: 'price-annual' }),
    stat(ctx.t('price_required_change'), f.change(q.required_change), { tone: q.required_change !== null && q.required_change > 0 ? 'red' : 'green', testid: 'price-required-change' }),
    stat(ctx.t('price_per_visit'), f.money(q.per_visit), { testid: 'price-per-visit' }),
    stat(ctx.t('price_per_hour'), f.money(q.per_hour), { testid: 'price-per-hour' }),
    stat(ctx.t('price_projected_cost'), f.money(q.projected_cost), { testid: 'price-projected-cost' }),
    h('p', { class: 'price-basis small muted' }, ctx.t('price_based_on', { cost: f.money(q.full_cost), revenue: f.money(q.revenue), hours: f.hours(q.hours), visits: f.integer(q.visits) })),
  ];
}

export function priceCalculator(ctx: Ctx, missionId: string): HTMLElement {
  const start = priceInputsOf(ctx.state.params);
  const fields: Record<Field, { input: HTMLInputElement; error: HTMLElement }> = {
    target_margin: { input: h('input', { class: 'input', id: 'price-margin', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: start.targetMargin }), error: h('div', { class: 'price-error', id: 'price-margin-error', 'aria-live': 'polite' }) },
    scope_change: { input: h('input', { class: 'input', id: 'price-scope', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: start.scopeChange }), error: h('div', { class: 'price-error', id: 'price-scope-error', 'aria-live': 'polite' }) },
  };
  const general = h('div', { class: 'price-error', 'data-testid': 'price-error', 'aria-live': 'polite' });
  const out = h('div', { class: 'price-out', 'data-testid': 'price-out', 'data-state': 'pending', 'aria-live': 'polite' });

  const showErrors = (errors: Partial<Record<Field, string>>, other = '') => {
    for (const [k, { input, error }] of Object.entries(fields) as [Field, (typeof fields)[Field]][]) {
      error.textContent = errors[k] ?? '';
      input.setAttribute('aria-invalid', String(!!errors[k]));
    }
    general.textContent = other;
  };
  const settle = (state: 'ready' | 'error' | 'pending') => {
    out.dataset.state = state;
    out.classList.toggle('stale', state !== 'ready');
  };

  const runner = latestOnly(
    (params: Record<string, string>) => api.price(missionId, params),
    (params, outcome: Outcome<PriceQuote>) => {
      if (!ctx.alive()) return;
      if (outcome.ok) {
        showErrors({});
        clear(out);
        out.append(...quoteFigures(ctx, outcome.value));
        out.dataset.quote = `${params.target_margin}|${params.scope_change ?? '0'}`;
        settle('ready');
        return;
      }
      const err = outcome.error;
      const parameter = err instanceof ApiError ? err.details?.parameter : undefined;
      const message = err instanceof Error ? err.message : String(err);
      if (parameter === 'target_margin' || parameter === 'scope_change') showErrors({ [parameter]: message });
      else showErrors({}, message);
      settle('error');
    },
  );

  const update = () => {
    const inputs: PriceInputs = { targetMargin: fields.target_margin.input.value, scopeChange: fields.scope_change.input.value };
    ctx.recordParams(priceParams(inputs));
    const query = priceQuery(inputs, ctx.apiParams);
    if (!query.ok) {
      runner.cancel();
      const words = (k?: MessageKey) => (k ? ctx.t(k) : undefined);
      showErrors({ target_margin: words(query.errors.target_margin), scope_change: words(query.errors.scope_change) });
      settle('error');
      return;
    }
    settle('pending');
    runner.ask(query.params);
  };
  for (const { input } of Object.values(fields)) input.addEventListener('input', update);
  queueMicrotask(update);

  const field = (k: Field, label: MessageKey, hint?: MessageKey) =>
    h(
      'div',
      { class: 'price-field' },
      h('label', { for: fields[k].input.id }, ctx.t(label)),
      h('div', { class: 'price-input' }, fields[k].input, h('span', { class: 'muted' }, '%'), hint ? h('span', { class: 'small muted' }, ctx.t(hint)) : null),
      fields[k].error,
    );
  return panel(
    ctx.t('price_title'),
    h('div', { class: 'price', 'data-testid': 'price-calculator' }, h('div', { class: 'price-inputs' }, field('target_margin', 'price_target_margin'), field('scope_change', 'price_scope_change', 'price_scope_hint'), general), out),
    { cls: 'span-12', sub: ctx.t('price_sub') },
  );
}
