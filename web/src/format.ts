// Numbers, money, percentages and dates per language, through Intl.
// Every formatter writes '—' for an undefined (null) figure.

import type { Lang } from './state';

export const DASH = '—';

export function localeOf(lang: Lang): string {
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}

/** Replaces the no-break spaces Intl uses (U+00A0, U+202F) with plain spaces: for matching in tests. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ');
}

export interface Formatter {
  lang: Lang;
  money(n: number | null | undefined): string;
  /** Short money for axes: 34 k€ / €34K. */
  moneyShort(n: number | null | undefined): string;
  /** A ratio as a percentage: 0.5 → 50 %. */
  percent(ratio: number | null | undefined, digits?: number): string;
  /** A change of a ratio in percentage points: +3,2 pts. */
  points(delta: number | null | undefined): string;
  /** A relative change: +12,5 %. */
  change(ratio: number | null | undefined): string;
  number(n: number | null | undefined, digits?: number): string;
  integer(n: number | null | undefined): string;
  hours(n: number | null | undefined): string;
  date(iso: string | null | undefined): string;
  month(yyyymm: string): string;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

function isNum(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Avoids writing -0 for a figure that rounds to zero. */
function noNegZero(n: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(n * scale) === 0 ? 0 : n;
}

export function makeFormatter(lang: Lang, currency = 'EUR'): Formatter {
  const locale = localeOf(lang);
  const pts = lang === 'fr' ? 'pts' : 'pp';
  return {
    lang,
    money(n) {
      if (!isNum(n)) return DASH;
      return nf(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        noNegZero(n, 2),
      );
    },
    moneyShort(n) {
      if (!isNum(n)) return DASH;
      return nf(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(n);
    },
    percent(ratio, digits = 1) {
      if (!isNum(ratio)) return DASH;
      return nf(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(
        noNegZero(ratio, digits + 2),
      );
    },
    points(delta) {
      if (!isNum(delta)) return DASH;
      const v = noNegZero(delta * 100, 1);
      return `${nf(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v)} ${pts}`;
    },
    change(ratio) {
      if (!isNum(ratio)) return DASH;
      return nf(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
        noNegZero(ratio, 3),
      );
    },
    number(n, digits = 2) {
      if (!isNum(n)) return DASH;
      return nf(locale, { maximumFractionDigits: digits }).format(noNegZero(n, digits));
    },
    integer(n) {
      if (!isNum(n)) return DASH;
      return nf(locale, { maximumFractionDigits: 0 }).format(n);
    },
    hours(n) {
      if (!isNum(n)) return DASH;
      return `${nf(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(n)}\u00a0h`;
    },
    date(iso) {
      if (!iso) return DASH;
      const [y, m, d] = iso.split('-').map(Number);
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, d)),
      );
    },
    month(yyyymm) {
      const [y, m] = yyyymm.split('-').map(Number);
      return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y, m - 1, 1)),
      );
    },
  };
}
