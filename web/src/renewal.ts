// Renewal risk (SPEC 6.3) in words: when a contract ends, which signals hold
// (with the thresholds /meta serves), the order of the alerts (high first)
// and the horizon of the Renewals page, kept in the URL. Pure: tested in
// test/renewal.test.ts.

import { makeFormatter } from './format';
import { t, type MessageKey } from './i18n';
import type { Lang } from './state';
import type { RenewalContract, RenewalLevel, RenewalSignal, Rules } from './types';

/** SPEC 6.3: the horizon H when none is given (`--horizon-days`, the API's `horizon_days`). */
export const DEFAULT_HORIZON_DAYS = 90;

/** The horizons the Renewals page offers; another one from a shared link is shown beside them. */
export const HORIZON_CHOICES = [30, 60, 90, 180] as const;

/** The horizon of the page options (`horizon_days`): an integer ≥ 0, else the default. */
export function horizonOf(params: Record<string, string>): number {
  const raw = params.horizon_days;
  return raw !== undefined && /^\d{1,5}$/.test(raw) ? Number(raw) : DEFAULT_HORIZON_DAYS;
}

/** The page option for a horizon: none for the default, so the default link stays short. */
export function horizonParam(days: number): string | undefined {
  return days === DEFAULT_HORIZON_DAYS ? undefined : String(days);
}

/** "ends in 12 days", "ends today", "ended 5 days ago, pending". */
export function daysLeftText(lang: Lang, days: number): string {
  if (days > 1) return t(lang, 'days_in', { n: days });
  if (days === 1) return t(lang, 'days_tomorrow');
  if (days === 0) return t(lang, 'days_today');
  if (days === -1) return t(lang, 'days_yesterday');
  return t(lang, 'days_ago', { n: -days });
}

/** One signal in words; the margin and the drops say the served thresholds ("margin under 15 %", "down more than 20 %"). */
export function signalText(lang: Lang, signal: RenewalSignal, rules: Rules): string {
  const percent = makeFormatter(lang).percent;
  const drop = signal === 'activity_down' ? rules.renewal_activity_down_ratio : rules.renewal_revenue_down_ratio;
  return t(lang, `signal_${signal}` as MessageKey, { rate: percent(rules.renewal_margin_low_rate, 0), drop: percent(1 - drop, 0) });
}

/** The signals in words, in SPEC order, or "no warning signal". */
export function signalsText(lang: Lang, signals: readonly RenewalSignal[], rules: Rules): string {
  return signals.length ? signals.map((s) => signalText(lang, s, rules)).join(', ') : t(lang, 'signals_none');
}

export function levelText(lang: Lang, level: RenewalLevel): string {
  return t(lang, `level_${level}` as MessageKey);
}

/** The overview's alert for one contract at risk. */
export function renewalAlertText(lang: Lang, c: RenewalContract, rules: Rules): string {
  return t(lang, 'alert_renewal', {
    level: levelText(lang, c.level),
    name: c.name,
    contract: c.contract_id,
    when: daysLeftText(lang, c.days_left),
    signals: signalsText(lang, c.signals, rules),
  });
}
