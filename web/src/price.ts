// The mission page's price calculator (SPEC 6.4): percentages typed by a
// manager become the decimals the API takes (`target_margin=0.25`), and the
// answers of a live calculator are kept only if they are the latest asked.
// Pure but for the timer: tested in test/price.test.ts.

import type { MessageKey } from './i18n';

/** What the inputs hold before anyone types: a starting point, not a rule. */
export const DEFAULT_TARGET_MARGIN = '25';
export const DEFAULT_SCOPE_CHANGE = '0';

/** How long the calculator waits after a keystroke before asking the server. */
export const PRICE_DEBOUNCE_MS = 250;

export type PercentInput = { ok: true; decimal: string } | { ok: false; error: MessageKey };

/**
 * A percentage as typed ("25", "12,5", "+10 %", "-7.5") to the decimal the
 * API takes, written exactly ("0.125", not 0.12500000000000001): the comma or
 * the point is the decimal mark, spaces and a trailing % are allowed. The
 * range (a target margin below 100 %, a scope change above −100 %) is the
 * server's to judge: its message is shown beside the input.
 */
export function parsePercent(text: string): PercentInput {
  const clean = text.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '').replace('\u2212', '-');
  if (clean === '') return { ok: false, error: 'price_empty' };
  const m = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(clean);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, error: 'price_not_a_number' };
  const sign = m[1] === '-' ? '-' : '';
  const digits = (m[2] || '0').padStart(3, '0');
  const fraction = m[3] ?? '';
  // Moving the decimal mark two places left divides by 100 without rounding.
  const whole = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const rest = (digits.slice(-2) + fraction).replace(/0+$/, '');
  const decimal = rest ? `${whole}.${rest}` : whole;
  return { ok: true, decimal: decimal === '0' ? '0' : `${sign}${decimal}` };
}

export interface PriceInputs {
  targetMargin: string;
  scopeChange: string;
}

export type PriceQuery =
  | { ok: true; params: Record<string, string> }
  | { ok: false; errors: { target_margin?: MessageKey; scope_change?: MessageKey } };

/**
 * The query of GET /api/v1/missions/{id}/price from the two inputs and the
 * view's period: `target_margin` always, `scope_change` unless it is empty
 * (the server's default, 0).
 */
export function priceQuery(inputs: PriceInputs, base: Record<string, string>): PriceQuery {
  const margin = parsePercent(inputs.targetMargin);
  const scope = inputs.scopeChange.trim() === '' ? null : parsePercent(inputs.scopeChange);
  if (!margin.ok || (scope && !scope.ok)) {
    return { ok: false, errors: { target_margin: margin.ok ? undefined : margin.error, scope_change: scope && !scope.ok ? scope.error : undefined } };
  }
  const params: Record<string, string> = { ...base, target_margin: margin.decimal };
  if (scope) params.scope_change = scope.decimal;
  return { ok: true, params };
}

/** The page options of the inputs: none where an input holds its starting value. */
export function priceParams(inputs: PriceInputs): Record<string, string | undefined> {
  return {
    margin: inputs.targetMargin === DEFAULT_TARGET_MARGIN ? undefined : inputs.targetMargin,
    scope: inputs.scopeChange === DEFAULT_SCOPE_CHANGE ? undefined : inputs.scopeChange,
  };
}

/** The inputs of the page options (`margin`, `scope`), or their starting values. */
export function priceInputsOf(params: Record<string, string>): PriceInputs {
  return { targetMargin: params.margin ?? DEFAULT_TARGET_MARGIN, scopeChange: params.scope ?? DEFAULT_SCOPE_CHANGE };
}

/** The days of [start, min(end, as_of)] (SPEC §2's effective days), 0 if as-of is before the start. */
export function effectiveDays(period: { start: string; end: string; as_of: string }): number {
  const end = period.as_of < period.end ? period.as_of : period.end;
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${period.start}T00:00:00Z`)) / 86400000 + 1;
  return Math.max(0, Math.round(days));
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * A live request: ask(arg) waits `delayMs` for the typing to stop, then
 * fetches; an answer is delivered only if no later ask() came since, so a
 * slow answer never overwrites a newer one.
 */
export function latestOnly<A, T>(fetch: (arg: A) => Promise<T>, deliver: (arg: A, outcome: Outcome<T>) => void, delayMs = PRICE_DEBOUNCE_MS) {
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    seq++;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const ask = (arg: A) => {
    cancel();
    const mine = seq;
    timer = setTimeout(() => {
      timer = undefined;
      fetch(arg).then(
        (value) => mine === seq && deliver(arg, { ok: true, value }),
        (error: unknown) => mine === seq && deliver(arg, { ok: false, error }),
      );
    }, delayMs);
  };
  return { ask, cancel };
}
