// Period arithmetic of SPEC §2, on ISO dates ('YYYY-MM-DD') held as strings.
// Pure functions: no DOM, no clock (today is passed in).

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** Canonical text, as the API takes it: 2026, 2026-H1, 2026-Q1, 2026-03, 2026-01-01..2026-06-30. */
  text: string;
  start: string;
  end: string;
  year: number;
  /** Half 1–2, quarter 1–4 or month 1–12; 0 for a year or a custom range. */
  index: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses YYYY-MM-DD or DD/MM/YYYY into ISO form; null if malformed or not a real day. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = ISO.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = FR.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return isoDate(y, m, d);
}

function toUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  const dt = new Date(ms);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

const DAY_MS = 86_400_000;

export function addDays(iso: string, n: number): string {
  return fromUtc(toUtc(iso) + n * DAY_MS);
}

/** Inclusive day count of [start, end]. */
export function dayCount(start: string, end: string): number {
  return Math.round((toUtc(end) - toUtc(start)) / DAY_MS) + 1;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** Builds a named period from its kind, year and index. */
export function namedPeriod(kind: Exclude<PeriodKind, 'custom'>, year: number, index = 0): Period {
  switch (kind) {
    case 'year':
      return monthsPeriod(kind, pad(year, 4), year, 0, 1, 12);
    case 'half':
      return monthsPeriod(kind, `${pad(year, 4)}-H${index}`, year, index, index === 1 ? 1 : 7, 6);
    case 'quarter':
      return monthsPeriod(kind, `${pad(year, 4)}-Q${index}`, year, index, (index - 1) * 3 + 1, 3);
    case 'month':
      return monthsPeriod(kind, `${pad(year, 4)}-${pad(index)}`, year, index, index, 1);
  }
}

/** The `count` months of `year` from month `first`, as the period `text`. */
function monthsPeriod(kind: PeriodKind, text: string, year: number, index: number, first: number, count: number): Period {
  const last = first + count - 1;
  return { kind, text, start: isoDate(year, first, 1), end: isoDate(year, last, daysInMonth(year, last)), year, index };
}

export function customPeriod(start: string, end: string): Period {
  return { kind: 'custom', text: `${start}..${end}`, start, end, year: Number(start.slice(0, 4)), index: 0 };
}

/** Parses the period syntax of SPEC §2; null when it is not valid (2026-13, 2026-3, 2026-H3, s > e). */
export function parsePeriod(text: string): Period | null {
  const s = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return namedPeriod('year', Number(m[1]));
  if ((m = /^(\d{4})-[Hh]([12])$/.exec(s))) return namedPeriod('half', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-[Qq]([1-4])$/.exec(s))) return namedPeriod('quarter', Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return namedPeriod('month', Number(m[1]), month);
  }
  const parts = s.split('..');
  if (parts.length === 2) {
    const a = parseDate(parts[0]);
    const b = parseDate(parts[1]);
    if (!a || !b || a > b) return null;
    return customPeriod(a, b);
  }
  return null;
}

/** The named period of a kind that holds a date. */
export function periodHolding(kind: Exclude<PeriodKind, 'custom'>, date: string): Period {
  const y = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'year':
      return namedPeriod('year', y);
    case 'half':
      return namedPeriod('half', y, month <= 6 ? 1 : 2);
    case 'quarter':
      return namedPeriod('quarter', y, Math.floor((month - 1) / 3) + 1);
    case 'month':
      return namedPeriod('month', y, month);
  }
}

/** Moves a period by n steps (a custom range by n times its length). */
export function shiftPeriod(p: Period, n: number): Period {
  if (p.kind === 'custom') {
    const len = dayCount(p.start, p.end);
    return customPeriod(addDays(p.start, n * len), addDays(p.end, n * len));
  }
  if (p.kind === 'year') return namedPeriod('year', p.year + n);
  const per = p.kind === 'half' ? 2 : p.kind === 'quarter' ? 4 : 12;
  const flat = p.year * per + (p.index - 1) + n;
  return namedPeriod(p.kind, Math.floor(flat / per), (flat % per) + 1);
}

/** SPEC §2: the named period just before, or the N days before a custom range. */
export function previousPeriod(p: Period): Period {
  return shiftPeriod(p, -1);
}

/** The as-of date of the previous period: the earlier of its own end and `asOf`. */
export function previousAsOf(prev: Period, asOf: string): string {
  return minDate(prev.end, asOf);
}

/** Default period: the half-year holding the as-of date. */
export function defaultPeriod(asOf: string): Period {
  return periodHolding('half', asOf);
}

/** Trend granularity that suits a period. */
export function trendGranularity(p: Period): 'month' | 'quarter' | 'half' {
  if (p.kind === 'month') return 'month';
  if (p.kind === 'quarter') return 'quarter';
  if (p.kind === 'half') return 'half';
  return 'quarter';
}

/** The trend points that end with the selected period: 12 months, or 4 quarters or halves. */
export function trendRange(period: string, asOf: string, granularity: 'month' | 'quarter' | 'half'): { from: string; to: string } {
  const p = parsePeriod(period) ?? defaultPeriod(asOf);
  const to = minDate(p.end, asOf) < p.start ? p.end : minDate(p.end, asOf);
  const last = periodHolding(granularity, to);
  const first = shiftPeriod(last, granularity === 'month' ? -11 : -3);
  return { from: first.start, to };
}

/** Today's date in local time, ISO. */
export function todayIso(now: Date = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
