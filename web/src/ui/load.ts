// Loads a page's data with a loading state, shows API errors with their
// message and a retry button, and renders only if the view is still current.
// Also the requests several pages share: the previous period's report and
// the rule thresholds of /meta.

import { api } from '../api';
import { parsePeriod, previousAsOf, previousPeriod } from '../period';
import type { Report, Rules } from '../types';
import type { Ctx } from './context';
import { errorState, loading } from './components';
import { clear } from './dom';

export async function loadInto<T>(ctx: Ctx, root: HTMLElement, fetcher: () => Promise<T>, render: (data: T) => void): Promise<void> {
  clear(root);
  root.append(loading(ctx));
  try {
    const data = await fetcher();
    if (!ctx.alive()) return;
    clear(root);
    render(data);
  } catch (err) {
    if (!ctx.alive()) return;
    clear(root);
    root.append(errorState(ctx, err, () => void loadInto(ctx, root, fetcher, render)));
  }
}

/**
 * loadInto, with the rule thresholds of GET /api/v1/meta handed to render
 * beside the data: pages read thresholds from there, never retype them. A
 * failed /meta shows the error state like a failed report.
 */
export function loadWithRules<T>(ctx: Ctx, root: HTMLElement, fetcher: () => Promise<T>, render: (data: T, rules: Rules) => void): Promise<void> {
  return loadInto(ctx, root, () => Promise.all([fetcher(), api.rules()]), ([data, rules]) => render(data, rules));
}

/** Resolves to null instead of failing: for optional data (previous period, trend). */
export function optional<T>(p: Promise<T>): Promise<T | null> {
  return p.catch(() => null);
}

/** The report of the previous period (SPEC §2: as-of = the earlier of its end and as-of). */
export function previousReportParams(ctx: Ctx): Record<string, string> {
  const p = parsePeriod(ctx.state.period)!;
  const prev = previousPeriod(p);
  return { ...ctx.apiParams, period: prev.text, as_of: previousAsOf(prev, ctx.state.asOf) };
}

/** The previous period's report, or null if it cannot be had. */
export function fetchPrevious(ctx: Ctx): Promise<Report | null> {
  return optional(api.report(previousReportParams(ctx)));
}
